package io.orderflow.learning;

import io.orderflow.inventory.StockReservations;
import io.orderflow.platform.DataAccess;
import io.orderflow.platform.ConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Waitlist offers on the SQL-client path, in the caller's transaction with the stock they hold: a freed seat held for
 * the first in line ({@link StockReservations#hold}), an offer expired (its seat goes straight to the next in line),
 * accepted by its customer's checkout, or given up by leaving. An entry is always locked before its hold and its
 * stock row (deadlock-free against each other), offers of one event take turns (served in line order), and every
 * change bumps the row's version, so the Panache side (joining) and this side never overwrite each other.
 */
@DataAccess
@ApplicationScoped
class WaitlistOffers {

    /** Offers of one event take turns (transaction-scoped), so the line is served strictly in order. */
    static final String LOCK_LINE = "SELECT pg_advisory_xact_lock(hashtextextended('orderflow:waitlist:' || $1::uuid, 0))";

    /** The next in line, while the event is on sale. */
    static final String NEXT_IN_LINE = """
            SELECT w.id FROM waitlist_entries w
            JOIN event_details e ON e.product_id = w.event_id
            WHERE w.event_id = $1 AND w.status = 'waiting'
              AND e.status = 'scheduled' AND coalesce(e.booking_closes_at, e.starts_at) > now()
            ORDER BY w.joined_at, w.id
            LIMIT 1
            FOR UPDATE OF w""";

    static final String OFFER = """
            UPDATE waitlist_entries
            SET status = 'offered', offered_at = now(), offer_expires_at = $2, version = version + 1
            WHERE id = $1 AND status = 'waiting'""";

    /** An open offer whose time ran out, or whose event is no longer on sale. */
    static final String EXPIRE = """
            UPDATE waitlist_entries w SET status = 'expired', closed_at = now(), version = w.version + 1
            FROM event_details e
            WHERE w.id = $1 AND w.status = 'offered' AND e.product_id = w.event_id
              AND (w.offer_expires_at <= now() OR e.status <> 'scheduled' OR coalesce(e.booking_closes_at, e.starts_at) <= now())
            RETURNING w.event_id""";

    /** Only an offer still open: the entry is locked before its hold, as everywhere else. */
    static final String ACCEPT = """
            UPDATE waitlist_entries SET status = 'accepted', closed_at = now(), version = version + 1
            WHERE id = $1 AND status = 'offered' AND offer_expires_at > now()""";

    static final String LEAVE = """
            UPDATE waitlist_entries SET status = 'left', closed_at = now(), version = version + 1
            WHERE event_id = $1 AND customer_id = $2 AND status IN ('waiting', 'offered')
            RETURNING id""";

    /** Offers whose time ran out or whose event is no longer on sale, the longest-expired first, but for those in $2. */
    static final String EXPIRED_OFFERS = """
            SELECT w.id FROM waitlist_entries w JOIN event_details e ON e.product_id = w.event_id
            WHERE w.status = 'offered' AND w.id <> ALL($2::uuid[])
              AND (w.offer_expires_at <= now() OR e.status <> 'scheduled' OR coalesce(e.booking_closes_at, e.starts_at) <= now())
            ORDER BY w.offer_expires_at
            LIMIT $1""";

    /** Scheduled events with people in line and seats anyone could buy now, but for those in $2. */
    static final String EVENTS_WITH_FREED_SEATS = """
            SELECT e.product_id FROM event_details e
            JOIN inventory i ON i.product_id = e.product_id
            WHERE e.status = 'scheduled' AND coalesce(e.booking_closes_at, e.starts_at) > now() AND i.quantity_available > 0
              AND e.product_id <> ALL($2::uuid[])
              AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.event_id = e.product_id AND w.status = 'waiting')
            LIMIT $1""";

    private final StockReservations stock;

    WaitlistOffers(StockReservations stock) {
        this.stock = stock;
    }

    /** Holds a free seat of the event for its next in line until {@code expiresAt}; false when nobody waits or no seat is free. */
    Uni<Boolean> offerNext(SqlClient tx, UUID eventId, Instant expiresAt) {
        return tx.preparedQuery(LOCK_LINE).execute(Tuple.of(eventId)).chain(() -> tx.preparedQuery(NEXT_IN_LINE).execute(Tuple.of(eventId))).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(false);
            }
            UUID entryId = rows.iterator().next().getUUID("id");
            return stock.hold(tx, entryId, eventId, expiresAt).call(held -> held
                    ? tx.preparedQuery(OFFER).execute(Tuple.of(entryId, expiresAt.atOffset(ZoneOffset.UTC)))
                    : Uni.createFrom().voidItem());
        });
    }

    /** Ends an offer whose time ran out and gives its seat back; emits its event, or empty when it was no longer open. */
    Uni<Optional<UUID>> expire(SqlClient tx, UUID entryId) {
        return tx.preparedQuery(EXPIRE).execute(Tuple.of(entryId)).chain(rows -> rows.size() == 0
                ? Uni.createFrom().item(Optional.<UUID>empty())
                : stock.releaseHold(tx, entryId).replaceWith(Optional.of(rows.iterator().next().getUUID("event_id"))));
    }

    /**
     * The customer's checkout takes the offered seat: the offer is closed, then its hold given back within the checkout's
     * transaction, which reserves the seat again. Fails with 409 when the offer ran out or was passed on meanwhile.
     */
    Uni<Void> accept(SqlClient tx, UUID entryId) {
        return tx.preparedQuery(ACCEPT).execute(Tuple.of(entryId)).chain(rows -> {
            if (rows.rowCount() == 0) {
                throw new ConflictException("offer-expired", "The seat offered to you is no longer held: its time ran out",
                        Map.of("waitlistEntryId", entryId));
            }
            return stock.releaseHold(tx, entryId).replaceWithVoid();
        });
    }

    /** Takes the customer out of the event's line, giving back a seat offered to them; emits the entry left, if any. */
    Uni<Optional<UUID>> leave(SqlClient tx, UUID eventId, UUID customerId) {
        return tx.preparedQuery(LEAVE).execute(Tuple.of(eventId, customerId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            UUID entryId = rows.iterator().next().getUUID("id");
            return stock.releaseHold(tx, entryId).replaceWith(Optional.of(entryId));
        });
    }

    Uni<List<UUID>> expiredOffers(SqlClient client, int limit, Set<UUID> leftOut) {
        return ids(client, EXPIRED_OFFERS, limit, leftOut);
    }

    Uni<List<UUID>> eventsWithFreedSeats(SqlClient client, int limit, Set<UUID> leftOut) {
        return ids(client, EVENTS_WITH_FREED_SEATS, limit, leftOut);
    }

    private static Uni<List<UUID>> ids(SqlClient client, String sql, int limit, Set<UUID> leftOut) {
        return client.preparedQuery(sql).execute(Tuple.of(limit, leftOut.toArray(UUID[]::new))).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }
}
