package io.orderflow.learning;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/** A customer's enrolments and bookings (written by the checkout, see LearningCheckout), and completing a course. */
@ApplicationScoped
public class EnrolmentService {

    private final Pool db;
    private final LearningQueries queries;
    private final AuditLog audit;

    EnrolmentService(Pool db, LearningQueries queries, AuditLog audit) {
        this.db = db;
        this.queries = queries;
        this.audit = audit;
    }

    public Uni<Page<EnrolmentView>> enrolments(Caller caller, String cursor, int limit) {
        return queries.enrolments(db, caller.id(), Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.enrolledAt(), last.id())));
    }

    public Uni<Page<BookingView>> bookings(Caller caller, String cursor, int limit) {
        return queries.bookings(db, caller.id(), Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.bookedAt(), last.id())));
    }

    /** The student marks a running enrolment completed (which also ends its refund window); another's is 404. */
    public Uni<EnrolmentView> complete(Caller caller, UUID enrolmentId) {
        return db.withTransaction(tx -> queries.complete(tx, enrolmentId, caller.id()).chain(completed -> {
                    if (completed) {
                        return audit.record(tx, AuditEntry.updated(caller.actor(), "enrolment", enrolmentId,
                                Map.of("status", "enrolled"), Map.of("status", "completed")));
                    }
                    return queries.enrolment(tx, enrolmentId, caller.id()).invoke(found -> {
                        EnrolmentView enrolment = found.orElseThrow(() -> new NotFoundException("Enrolment"));
                        throw new ConflictException("illegal-transition", "An enrolment that is " + enrolment.status() + " cannot be completed",
                                Map.of("enrolmentStatus", enrolment.status()));
                    }).replaceWithVoid();
                }))
                .chain(() -> queries.enrolment(db, enrolmentId, caller.id()))
                .map(found -> found.orElseThrow(() -> new NotFoundException("Enrolment")));
    }
}
