package io.orderflow.learning;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Courses: staff keep their details (Hibernate Reactive Panache, the audit row in the same session's transaction);
 * the catalogue reads them with the SQL client, one query per page.
 */
@ApplicationScoped
public class CourseService {

    private final Pool db;
    private final LearningQueries queries;
    private final LearningDetails details;
    private final AuditLog audit;

    CourseService(Pool db, LearningQueries queries, LearningDetails details, AuditLog audit) {
        this.db = db;
        this.queries = queries;
        this.details = details;
        this.audit = audit;
    }

    /** Creates or replaces the course details of a product of kind course; the instructor must have the instructor role. */
    public Uni<CourseView> save(UUID productId, CourseDetailsRequest request, Actor actor) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> details.requireProduct(session, productId, "course")
                        .chain(() -> details.instructorName(session, request.instructorId()))
                        .chain(instructorName -> CourseDetails.<CourseDetails>findById(productId).chain(existing -> {
                            CourseDetailsRequest before = existing == null ? null : existing.asRequest();
                            CourseDetails course = existing == null ? new CourseDetails() : existing;
                            course.productId = productId;
                            course.instructorId = request.instructorId();
                            course.instructorName = instructorName;
                            course.durationMinutes = request.durationMinutes();
                            course.level = request.level();
                            course.schedule = request.schedule();
                            course.shortDescription = request.shortDescription();
                            course.videoUrl = request.videoUrl();
                            course.published = Boolean.TRUE.equals(request.published());
                            AuditEntry entry = before == null
                                    ? AuditEntry.created(actor, "course", productId, course.asRequest())
                                    : AuditEntry.updated(actor, "course", productId, before, course.asRequest());
                            return course.<CourseDetails>persistAndFlush().call(() -> audit.record(session, entry));
                        }))))
                .onFailure().transform(LearningDetails::concurrentEdit)
                .chain(() -> queries.course(db, LearningQueries.COURSE_BY_ID, productId))
                .map(Optional::orElseThrow);
    }

    /** A published course by its slug; staff also see unpublished ones. */
    public Uni<CourseView> bySlug(String slug, Caller caller) {
        return queries.course(db, LearningQueries.COURSE_BY_SLUG, slug)
                .map(course -> course.filter(found -> found.published() || caller.staff()).orElseThrow(() -> new NotFoundException("Course")));
    }

    public Uni<Page<CourseView>> list(LearningQueries.CourseFilter filter, String sortName, String cursor, int limit) {
        CourseSort sort = CourseSort.named(sortName);
        return queries.courses(db, filter, sort, sort.after(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, sort::cursorAfter));
    }
}
