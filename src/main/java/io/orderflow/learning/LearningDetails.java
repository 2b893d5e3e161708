package io.orderflow.learning;

import io.orderflow.platform.ConflictException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.UnprocessableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Map;
import java.util.UUID;

/** What saving course or event details checks first, inside the Hibernate Reactive session's transaction. */
@ApplicationScoped
class LearningDetails {

    static final String PRODUCT_KIND = "SELECT kind FROM products WHERE id = CAST(:id AS uuid) AND deleted_at IS NULL";

    static final String INSTRUCTOR_NAME = """
            SELECT left(first_name || ' ' || last_name, 200) FROM users
            WHERE id = CAST(:id AS uuid) AND role = 'instructor' AND is_active AND deleted_at IS NULL""";

    /** The product exists (404) and is of {@code kind} (409: its kind decides how it is sold and can't change). */
    Uni<Void> requireProduct(Mutiny.Session session, UUID productId, String kind) {
        return session.createNativeQuery(PRODUCT_KIND, String.class).setParameter("id", productId).getResultList()
                .invoke(kinds -> {
                    if (kinds.isEmpty()) {
                        throw new NotFoundException("Product");
                    }
                    if (!kinds.get(0).equals(kind)) {
                        throw new ConflictException("wrong-kind", "Product " + productId + " is a " + kinds.get(0) + " product, not a " + kind,
                                Map.of("productId", productId, "kind", kinds.get(0)));
                    }
                })
                .replaceWithVoid();
    }

    /** The instructor's display name; 422 when the user is not an active instructor. */
    Uni<String> instructorName(Mutiny.Session session, UUID instructorId) {
        return session.createNativeQuery(INSTRUCTOR_NAME, String.class).setParameter("id", instructorId).getResultList()
                .map(names -> {
                    if (names.isEmpty()) {
                        throw new UnprocessableException("not-an-instructor", "User " + instructorId + " is not an active instructor");
                    }
                    return names.get(0);
                });
    }

    /** Two staff saving the same details at once: the later one is told to reload, not given a 500. */
    static Throwable concurrentEdit(Throwable failure) {
        if (failure instanceof OptimisticLockException || failure instanceof StaleStateException
                || failure instanceof ConstraintViolationException unique && unique.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
            return new ConflictException("concurrent-edit", "These details were changed by someone else at the same time; reload and retry");
        }
        return failure;
    }
}
