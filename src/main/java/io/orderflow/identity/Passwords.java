package io.orderflow.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * bcrypt hashing and checking, always on a worker thread and at most
 * {@code orderflow.identity.password-checks.max-concurrent} at once. Checking a login for an
 * unknown account runs against a dummy hash of the same cost, so it takes as long as a real one.
 */
@Startup
@ApplicationScoped
public class Passwords {

    /** How often a check waiting for a slot looks again; it holds no thread in between. */
    private static final Duration POLL = Duration.ofMillis(10);
    private static final int CHEAPEST_COST = 4;

    private final int cost;
    private final String dummyHash;
    private final Semaphore slots;
    private final long polls;

    Passwords(IdentityConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = dummyHash(cost);
        IdentityConfig.PasswordChecks checks = config.passwordChecks();
        this.slots = new Semaphore(checks.maxConcurrent().orElse(2 * Runtime.getRuntime().availableProcessors()));
        this.polls = checks.maxWait().toMillis() / POLL.toMillis();
    }

    /**
     * A well-formed bcrypt hash of the given cost that matches no password. Hashed at the cheapest cost and
     * relabelled: checking against it still runs the full cost (bcrypt reads the cost from the hash), while
     * hashing at the full cost here took a quarter of the start-up's CPU on one core.
     */
    static String dummyHash(int cost) {
        String cheap = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), CHEAPEST_COST);
        return cheap.replaceFirst("^\\$2a\\$04\\$", String.format("\\$2a\\$%02d\\$", cost));
    }

    public Uni<String> hash(String password) {
        return bounded(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such account) is checked and never matches. */
    public Uni<Boolean> matches(String password, String hash) {
        return bounded(() -> BcryptUtil.matches(password, hash == null ? dummyHash : hash) && hash != null);
    }

    /**
     * Runs {@code work} on a worker once a slot is free. The slot is taken and given back on the worker
     * itself, so a cancelled request cannot leak one; a check that finds none free fails and is retried
     * on a timer, so waiting checks hold no worker thread.
     */
    private <T> Uni<T> bounded(Supplier<T> work) {
        Uni<T> attempt = Uni.createFrom().item(() -> inSlot(work)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return polls == 0 ? attempt : attempt.onFailure(PasswordChecksBusyException.class).retry()
                .withBackOff(POLL, POLL).withJitter(0).atMost(polls);
    }

    private <T> T inSlot(Supplier<T> work) {
        if (!slots.tryAcquire()) {
            throw new PasswordChecksBusyException();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
