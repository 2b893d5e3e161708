package io.orderflow.learning;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotAllowedException;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.UUID;

/**
 * Course reviews (Hibernate Reactive Panache). Only a student holding the course reviews it, once; a second review
 * replaces the first. The course's rating and count are recomputed from the reviews in the same transaction, after
 * the course row is locked: concurrent reviews of one course take turns, and each recomputation sees the reviews
 * committed before it (READ COMMITTED reads afresh per statement), so the average stays exact.
 */
@ApplicationScoped
public class ReviewService {

    static final String LOCK_COURSE = "SELECT CAST(product_id AS text) FROM course_details WHERE product_id = CAST(:course AS uuid) FOR NO KEY UPDATE";

    static final String ENROLLED = """
            SELECT count(*) FROM enrolments
            WHERE course_id = CAST(:course AS uuid) AND student_id = CAST(:student AS uuid) AND status <> 'cancelled'""";

    static final String RATE = """
            UPDATE course_details c
            SET rating = coalesce((SELECT round(avg(r.rating), 2) FROM course_reviews r WHERE r.course_id = c.product_id), 0),
                rating_count = (SELECT count(*) FROM course_reviews r WHERE r.course_id = c.product_id)
            WHERE c.product_id = CAST(:course AS uuid)""";

    private final Pool db;
    private final LearningQueries queries;
    private final AuditLog audit;

    ReviewService(Pool db, LearningQueries queries, AuditLog audit) {
        this.db = db;
        this.queries = queries;
        this.audit = audit;
    }

    /** Creates or replaces the caller's review; emits it and whether it is new. */
    public Uni<Saved> review(Caller caller, UUID courseId, ReviewRequest request) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> lockCourse(session, courseId)
                        .chain(() -> requireEnrolled(session, courseId, caller.id()))
                        .chain(() -> CourseReview.find("courseId = ?1 and studentId = ?2", courseId, caller.id()).<CourseReview>firstResult())
                        .chain(existing -> {
                            ReviewRequest before = existing == null ? null : existing.asRequest();
                            CourseReview review = existing == null ? new CourseReview() : existing;
                            review.courseId = courseId;
                            review.studentId = caller.id();
                            review.rating = request.rating().shortValue();
                            review.comment = request.comment();
                            return review.<CourseReview>persistAndFlush()
                                    .call(() -> session.createNativeQuery(RATE).setParameter("course", courseId).executeUpdate())
                                    .call(saved -> audit.record(session, before == null
                                            ? AuditEntry.created(caller.actor(), "review", saved.id, request)
                                            : AuditEntry.updated(caller.actor(), "review", saved.id, before, request)))
                                    .map(saved -> new Written(saved.id, before == null));
                        })))
                .onFailure().transform(LearningDetails::concurrentEdit)
                .chain(written -> queries.review(db, written.id()).map(view -> new Saved(view.orElseThrow(), written.created())));
    }

    public Uni<Page<ReviewView>> list(UUID courseId, String cursor, int limit) {
        return queries.reviews(db, courseId, Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.createdAt(), last.id())));
    }

    private static Uni<Void> lockCourse(Mutiny.Session session, UUID courseId) {
        return session.createNativeQuery(LOCK_COURSE, String.class).setParameter("course", courseId).getResultList()
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw new NotFoundException("Course");
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> requireEnrolled(Mutiny.Session session, UUID courseId, UUID studentId) {
        return session.createNativeQuery(ENROLLED, Long.class).setParameter("course", courseId).setParameter("student", studentId)
                .getSingleResult()
                .invoke(enrolments -> {
                    if (enrolments == 0) {
                        throw new NotAllowedException("not-enrolled", "Only a student enrolled in this course may review it");
                    }
                })
                .replaceWithVoid();
    }

    /** A saved review and whether it was new (201) or replaced the caller's earlier one (200). */
    public record Saved(ReviewView review, boolean created) {
    }

    private record Written(UUID id, boolean created) {
    }
}
