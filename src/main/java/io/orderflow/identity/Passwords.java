package io.orderflow.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * bcrypt hashing and checking, always on a worker thread. Checking a login for an unknown
 * account runs against a dummy hash of the same cost, so it takes as long as a real one.
 */
@Startup
@ApplicationScoped
public class Passwords {

    private final int cost;
    private final String dummyHash;

    Passwords(IdentityConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), cost);
    }

    public Uni<String> hash(String password) {
        return onWorker(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such account) is checked and never matches. */
    public Uni<Boolean> matches(String password, String hash) {
        return onWorker(() -> BcryptUtil.matches(password, hash == null ? dummyHash : hash) && hash != null);
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
