package io.orderflow.learning;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The waitlist of a full event: joining (Hibernate Reactive Panache, the audit row in the same session), leaving (with
 * the seat offered, if any, given back, on the SQL-client path with the stock), and the customer's own entries. Offers
 * are made by {@link WaitlistJob} and taken by a normal POST /orders of the event ({@link LearningCheckout}).
 */
@ApplicationScoped
public class WaitlistService {

    /** status, booking open, seats anyone could buy now, people waiting. */
    static final String EVENT_SEATS = """
            SELECT e.status, coalesce(e.booking_closes_at, e.starts_at) > now(), coalesce(i.quantity_available, 0),
                   (SELECT count(*) FROM waitlist_entries w WHERE w.event_id = e.product_id AND w.status = 'waiting')
            FROM event_details e LEFT JOIN inventory i ON i.product_id = e.product_id
            WHERE e.product_id = CAST(:event AS uuid)""";

    private final Pool db;
    private final WaitlistOffers offers;
    private final LearningQueries queries;
    private final AuditLog audit;

    WaitlistService(Pool db, WaitlistOffers offers, LearningQueries queries, AuditLog audit) {
        this.db = db;
        this.offers = offers;
        this.queries = queries;
        this.audit = audit;
    }

    /** Puts the caller in the event's line, once; only while it is on sale and no seat is free for anyone to buy. */
    public Uni<WaitlistView> join(Caller caller, UUID eventId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(EVENT_SEATS, Object[].class)
                        .setParameter("event", eventId).getResultList()
                        .invoke(rows -> requireFull(rows, eventId))
                        .chain(() -> {
                            WaitlistEntry entry = new WaitlistEntry();
                            entry.eventId = eventId;
                            entry.customerId = caller.id();
                            entry.status = "waiting";
                            return entry.<WaitlistEntry>persistAndFlush();
                        })
                        .call(entry -> audit.record(session, AuditEntry.created(caller.actor(), "waitlist", entry.id, Map.of("eventId", eventId))))
                        .map(entry -> entry.id)))
                .onFailure(WaitlistService::isAlreadyInLine).transform(failure -> new ConflictException("already-waiting",
                        "You are already in this event's waitlist", Map.of("eventId", eventId)))
                .chain(entryId -> queries.waitlistEntry(db, entryId))
                .map(entry -> entry.orElseThrow());
    }

    /** Takes the caller out of the event's line; a seat offered to them goes back, to be offered to the next. */
    public Uni<Void> leave(Caller caller, UUID eventId) {
        return db.withTransaction(tx -> offers.leave(tx, eventId, caller.id()).chain(left -> {
            UUID entryId = left.orElseThrow(() -> new NotFoundException("Waitlist entry"));
            return audit.record(tx, AuditEntry.updated(caller.actor(), "waitlist", entryId, null, Map.of("status", "left")));
        }));
    }

    public Uni<Page<WaitlistView>> mine(Caller caller, String cursor, int limit) {
        return queries.waitlist(db, caller.id(), Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.joinedAt(), last.id())));
    }

    private static void requireFull(List<Object[]> rows, UUID eventId) {
        if (rows.isEmpty()) {
            throw new NotFoundException("Event");
        }
        Object[] event = rows.get(0);
        if (!"scheduled".equals(event[0]) || !Boolean.TRUE.equals(event[1])) {
            throw new ConflictException("booking-closed", "This event is not open for booking", Map.of("productId", eventId));
        }
        long available = ((Number) event[2]).longValue();
        long waiting = ((Number) event[3]).longValue();
        if (available > waiting) {
            throw new ConflictException("seats-available", "This event has seats left: buy one with POST /api/v1/orders",
                    Map.of("productId", eventId, "seatsLeft", available - waiting));
        }
    }

    private static boolean isAlreadyInLine(Throwable failure) {
        return failure instanceof ConstraintViolationException violation
                && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
    }
}
