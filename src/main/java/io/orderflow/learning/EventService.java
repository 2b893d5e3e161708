package io.orderflow.learning;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.Cursor;
import io.orderflow.platform.NotFoundException;
import io.orderflow.platform.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/**
 * Events: staff keep their details (Hibernate Reactive Panache, the audit row in the same session's transaction);
 * the catalogue reads them with the SQL client. Seats are the product's stock, changed through inventory.
 */
@ApplicationScoped
public class EventService {

    private final Pool db;
    private final LearningQueries queries;
    private final LearningDetails details;
    private final AuditLog audit;

    EventService(Pool db, LearningQueries queries, LearningDetails details, AuditLog audit) {
        this.db = db;
        this.queries = queries;
        this.details = details;
        this.audit = audit;
    }

    /** Creates or replaces the details of a product of kind event; a new event is scheduled. */
    public Uni<EventView> save(UUID productId, EventDetailsRequest request, Actor actor) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> details.requireProduct(session, productId, "event")
                        .chain(() -> EventDetails.<EventDetails>findById(productId))
                        .chain(existing -> {
                            EventDetailsRequest before = existing == null ? null : existing.asRequest();
                            EventDetails event = existing == null ? new EventDetails() : existing;
                            event.productId = productId;
                            event.startsAt = request.startsAt();
                            event.endsAt = request.endsAt();
                            event.timeZone = request.timeZone();
                            event.venue = request.venue();
                            event.onlineUrl = request.onlineUrl();
                            event.bookingClosesAt = request.bookingClosesAt();
                            event.seatsPerOrder = request.seatsPerOrderOrDefault();
                            if (event.status == null) {
                                event.status = "scheduled";
                            }
                            AuditEntry entry = before == null
                                    ? AuditEntry.created(actor, "event", productId, event.asRequest())
                                    : AuditEntry.updated(actor, "event", productId, before, event.asRequest());
                            return event.<EventDetails>persistAndFlush().call(() -> audit.record(session, entry));
                        })))
                .onFailure().transform(LearningDetails::concurrentEdit)
                .chain(() -> get(productId));
    }

    /**
     * Cancels a scheduled event: no more seats are sold from the commit on, and {@link EventCancellationJob} refunds
     * its bookings order by order (progress: {@code bookingsOpen} / {@code bookingsCancelled}). Cancelling it again
     * changes nothing; a completed event can't be cancelled.
     */
    public Uni<EventView> cancel(UUID productId, Actor actor) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> EventDetails.<EventDetails>findById(productId)
                        .chain(event -> {
                            if (event == null) {
                                throw new NotFoundException("Event");
                            }
                            if (event.status.equals("cancelled")) {
                                return Uni.createFrom().voidItem();
                            }
                            if (!event.status.equals("scheduled")) {
                                throw new ConflictException("illegal-transition", "An event that is " + event.status + " cannot be cancelled",
                                        Map.of("eventStatus", event.status));
                            }
                            event.status = "cancelled";
                            return event.<EventDetails>persistAndFlush().call(() -> audit.record(session,
                                    AuditEntry.updated(actor, "event", productId, Map.of("status", "scheduled"), Map.of("status", "cancelled"))))
                                    .replaceWithVoid();
                        })))
                .onFailure().transform(LearningDetails::concurrentEdit)
                .chain(() -> get(productId));
    }

    public Uni<EventView> get(UUID productId) {
        return queries.event(db, productId).map(event -> event.orElseThrow(() -> new NotFoundException("Event")));
    }

    public Uni<Page<EventView>> list(LearningQueries.EventFilter filter, String cursor, int limit) {
        return queries.events(db, filter, Cursor.After.of(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, last -> Cursor.After.cursor(last.startsAt(), last.productId())));
    }
}
