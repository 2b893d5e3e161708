package io.orderflow.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The flash-sale sold-out gate: a short-lived Redis key per product that a reservation found at
 * 0 available, so later buyers get their 409 before the reserve step instead of in it.
 * PostgreSQL stays the only authority: the gate only ever refuses, a closed gate expires after
 * {@code orderflow.inventory.sold-out-gate.ttl}, and without Redis every call fails open (the
 * checkout goes to the database), counted in {@code orderflow_redis_fail_open_total{use="sold-out-gate"}}.
 * <p>
 * Closing and opening both happen after the transaction that saw or changed the stock has ended:
 * closed once the reserve transaction has rolled back, opened once a stock increase has committed. Opening
 * before the commit would let a buyer still reading the old level close the gate again right
 * after, hiding the new stock for a whole TTL; after the commit only a buyer whose read preceded
 * the commit can do that, and still for at most one TTL. Neither call runs inside a transaction,
 * so a slow Redis never prolongs a row lock on the hot product.
 * <p>
 * A closed gate holds its own product id, and a check reads which ids its MGET found, never at which position: on a
 * Redis Cluster the gates of one checkout lie in several slots, the Vert.x client splits such an MGET into one per slot
 * and joins the replies, and the client Quarkus 3.34 ships (4.5.26) joins them in no particular order (kept in order
 * only since vert-x3/vertx-redis-client#540, not in 4.5). On a single server the order holds anyway.
 */
@ApplicationScoped
public class SoldOutGate {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final long ttlMillis;
    private final Counter refusals;
    private final RedisFailOpen failOpen;

    SoldOutGate(ReactiveRedisDataSource redis, MeterRegistry metrics, InventoryConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.ttlMillis = config.soldOutGate().ttl().toMillis();
        this.refusals = metrics.counter("orderflow.inventory.sold.out.gate.refusals");
        this.failOpen = new RedisFailOpen(metrics, "sold-out-gate", "every checkout goes to the database");
    }

    /**
     * One MGET for all {@code lines}: fails with {@link OutOfStockException} (each gated line at
     * 0 available) when any of their products is gated, else lets the checkout go on.
     */
    public Uni<Void> check(List<StockLine> lines) {
        return refusal(lines).invoke(refused -> refused.ifPresent(shortage -> {
            countRefusal();
            throw shortage;
        })).replaceWithVoid();
    }

    /**
     * One MGET for all {@code lines}: the out-of-stock refusal (each gated line at 0 available) when any of their
     * products is gated. Not counted: a caller that answers with it calls {@link #countRefusal}.
     */
    public Uni<Optional<OutOfStockException>> refusal(List<StockLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Uni<Set<String>> closed = redis.execute("MGET", lines.stream().map(line -> key(line.productId())).toArray(String[]::new))
                .map(reply -> {
                    Set<String> productIds = new HashSet<>();
                    reply.forEach(gate -> {
                        if (gate != null) {
                            productIds.add(gate.toString());
                        }
                    });
                    return productIds;
                });
        return failOpen.call(closed, Set.<String>of())
                .map(gated -> {
                    List<OutOfStockException.ShortLine> soldOut = lines.stream()
                            .filter(line -> gated.contains(line.productId().toString()))
                            .map(line -> new OutOfStockException.ShortLine(line.productId(), line.quantity(), 0))
                            .toList();
                    if (soldOut.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(new OutOfStockException(soldOut));
                });
    }

    /** Counts a buyer turned away by the gate ({@code orderflow_inventory_sold_out_gate_refusals_total}). */
    public void countRefusal() {
        refusals.increment();
    }

    /** Closes the gate of every short line the database saw at 0 available; call after the reserve transaction rolled back. */
    public Uni<Void> close(OutOfStockException shortage) {
        List<UUID> soldOut = shortage.lines().stream()
                .filter(line -> line.available() == 0)
                .map(OutOfStockException.ShortLine::productId)
                .toList();
        if (soldOut.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return failOpen.run(Uni.join().all(soldOut.stream().map(id -> values.psetex(key(id), ttlMillis, id.toString())).toList())
                .usingConcurrencyOf(1).andCollectFailures());
    }

    /**
     * Opens the gate of these products at once; call after the stock increase committed. On a cluster the client
     * splits a DEL across slots itself and adds up the counts, which is all this needs.
     */
    public Uni<Void> open(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return failOpen.run(keys.del(productIds.stream().map(SoldOutGate::key).toArray(String[]::new)));
    }

    static String key(UUID productId) {
        return RedisKeys.key("inventory", "sold-out", productId);
    }
}
