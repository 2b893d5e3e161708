package io.orderflow.learning;

import io.orderflow.inventory.StockReservations;
import io.orderflow.platform.DataAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Waitlist offers on the SQL-client path, in the caller's transaction with the stock they hold: a freed seat held for
 * the first in line ({@link StockReservations#hold}), an offer expired (its seat goes straight to the next in line),
 * accepted by its customer's checkout, or given up by leaving. Entries are locked before they change, and every
 * change bumps the row's version, so the Panache side (joining) and this side never overwrite each other.
 */
@DataAccess
@ApplicationScoped
class WaitlistOffers {

    /** The next in line, skipped if another transaction is offering to it right now. */
    static final String NEXT_IN_LINE = """
            SELECT id FROM waitlist_entries
            WHERE event_id = $1 AND status = 'waiting'
            ORDER BY joined_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED""";

    static final String OFFER = """
            UPDATE waitlist_entries
            SET status = 'offered', offered_at = now(), offer_expires_at = $2, version = version + 1
            WHERE id = $1 AND status = 'waiting'""";

    static final String EXPIRE = """
            UPDATE waitlist_entries SET status = 'expired', closed_at = now(), version = version + 1
            WHERE id = $1 AND status = 'offered' AND offer_expires_at <= now()
            RETURNING event_id""";

    static final String ACCEPT = """
            UPDATE waitlist_entries SET status = 'accepted', closed_at = now(), version = version + 1
            WHERE id = $1 AND status = 'offered'""";

    static final String LEAVE = """
            UPDATE waitlist_entries SET status = 'left', closed_at = now(), version = version + 1
            WHERE event_id = $1 AND customer_id = $2 AND status IN ('waiting', 'offered')
            RETURNING id""";

    /** Offers whose time ran out, the longest-expired first. */
    static final String EXPIRED_OFFERS = """
            SELECT id FROM waitlist_entries
            WHERE status = 'offered' AND offer_expires_at <= now()
            ORDER BY offer_expires_at
            LIMIT $1""";

    /** Scheduled events with people in line and seats anyone could buy now. */
    static final String EVENTS_WITH_FREED_SEATS = """
            SELECT e.product_id FROM event_details e
            JOIN inventory i ON i.product_id = e.product_id
            WHERE e.status = 'scheduled' AND coalesce(e.booking_closes_at, e.starts_at) > now() AND i.quantity_available > 0
              AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.event_id = e.product_id AND w.status = 'waiting')
            LIMIT $1""";

    private final StockReservations stock;

    WaitlistOffers(StockReservations stock) {
        this.stock = stock;
    }

    /** Holds a free seat of the event for its next in line until {@code expiresAt}; false when nobody waits or no seat is free. */
    Uni<Boolean> offerNext(SqlClient tx, UUID eventId, Instant expiresAt) {
        return tx.preparedQuery(NEXT_IN_LINE).execute(Tuple.of(eventId)).chain(rows -> {
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

    /** The customer's checkout takes the offered seat: its hold is given back within the checkout's transaction, which reserves it again. */
    Uni<Void> accept(SqlClient tx, UUID entryId) {
        return stock.releaseHold(tx, entryId).chain(() -> tx.preparedQuery(ACCEPT).execute(Tuple.of(entryId))).replaceWithVoid();
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

    Uni<List<UUID>> expiredOffers(SqlClient client, int limit) {
        return ids(client, EXPIRED_OFFERS, limit);
    }

    Uni<List<UUID>> eventsWithFreedSeats(SqlClient client, int limit) {
        return ids(client, EVENTS_WITH_FREED_SEATS, limit);
    }

    private static Uni<List<UUID>> ids(SqlClient client, String sql, int limit) {
        return client.preparedQuery(sql).execute(Tuple.of(limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }
}
