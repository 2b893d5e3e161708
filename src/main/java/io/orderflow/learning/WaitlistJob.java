package io.orderflow.learning;

import io.orderflow.inventory.SoldOutGate;
import io.orderflow.platform.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Hands freed seats to the waitlist: an offer whose time ran out is ended and its seat goes straight to the next in
 * line (one transaction, so the seat is never free in between), and an event with free seats and people waiting gets
 * one offer per seat, each in its own transaction. Offers of one event take turns under a transaction-scoped lock and a
 * seat is held only by the same conditional UPDATE a checkout uses, so instances running this at once serve the line
 * in order, never offer one seat twice nor hold more than the stock. An offer on an event no longer on sale is ended
 * and passed to nobody. After offers are made the event's sold-out gate is opened, so its customers reach the
 * database rather than a refusal cached during the rush. Neither batch holds a lease: instances whose runs overlap
 * read the same offers or events and take turns on their locks; an offer or event that failed sits out this
 * instance's next runs, so ones that keep failing can't fill every batch.
 */
@ApplicationScoped
public class WaitlistJob {

    private final Pool db;
    private final WaitlistOffers offers;
    private final SoldOutGate gate;
    private final ScheduledWork work;
    private final LearningConfig.Waitlist config;

    WaitlistJob(Pool db, WaitlistOffers offers, SoldOutGate gate, ScheduledWork work, LearningConfig config) {
        this.db = db;
        this.offers = offers;
        this.gate = gate;
        this.work = work;
        this.config = config.waitlist();
    }

    @Scheduled(identity = "waitlist-expiry", every = "${orderflow.learning.waitlist.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> passOnExpiredOffers() {
        return work.eachItemLeavingOutFailed("waitlist-expiry", leftOut -> offers.expiredOffers(db, config.batchSize(), leftOut), this::passOn);
    }

    @Scheduled(identity = "waitlist-offers", every = "${orderflow.learning.waitlist.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> offerFreedSeats() {
        return work.eachItemLeavingOutFailed("waitlist-offers", leftOut -> offers.eventsWithFreedSeats(db, config.batchSize(), leftOut),
                this::offerSeatsThenOpenGate);
    }

    /** Offers the event's freed seats, then opens its sold-out gate. */
    private Uni<Void> offerSeatsThenOpenGate(UUID eventId) {
        return offerSeats(eventId, config.batchSize()).call(() -> gate.open(List.of(eventId)));
    }

    private Uni<Void> passOn(UUID entryId) {
        return db.withTransaction(tx -> offers.expire(tx, entryId)
                        .chain(event -> event.isPresent() ? offers.offerNext(tx, event.get(), offerExpiry()).replaceWith(event) : Uni.createFrom().item(event)))
                .chain(event -> event.isPresent() ? gate.open(List.of(event.get())) : Uni.createFrom().voidItem());
    }

    /** One offer per transaction until nobody waits, no seat is free, or {@code left} offers were made. */
    private Uni<Void> offerSeats(UUID eventId, int left) {
        if (left == 0) {
            return Uni.createFrom().voidItem();
        }
        return db.withTransaction(tx -> offers.offerNext(tx, eventId, offerExpiry()))
                .chain(offered -> offered ? offerSeats(eventId, left - 1) : Uni.createFrom().voidItem());
    }

    private Instant offerExpiry() {
        return Instant.now().plus(config.offerTtl());
    }
}
