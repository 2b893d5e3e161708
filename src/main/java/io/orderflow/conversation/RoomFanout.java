package io.orderflow.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.orderflow.platform.RedisSubscription;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Room events to every open stream, on every instance. An event is handed to this instance's streams at once and
 * published on the room's Redis channel for the others; each instance listens to all rooms' channels with one pattern
 * subscription and skips what it published itself. Without Redis, streams on the posting instance still get events
 * live; the others catch up from PostgreSQL at their next event or heartbeat, and a client that reconnects replays
 * what it missed (docs/architecture.md, "Conversations").
 */
@ApplicationScoped
class RoomFanout {

    static final String CHANNEL_PREFIX = RedisKeys.channel("conversation", "room") + ":";

    private final String origin = UUID.randomUUID().toString();
    private final Map<UUID, Set<RoomStream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisFailOpen failOpen;
    private final RedisSubscription subscription;
    private volatile boolean stopping;

    RoomFanout(ReactiveRedisDataSource redis, Vertx vertx, MeterRegistry metrics) {
        this.pubsub = redis.pubsub(String.class);
        this.failOpen = new RedisFailOpen(metrics, "room-events", "room events reach other instances' streams only by catching up");
        // Events published while the subscription was down are found by the heartbeat's check (RoomStreams).
        this.subscription = new RedisSubscription(CHANNEL_PREFIX + "*", () -> pubsub.subscribeToPatterns(CHANNEL_PREFIX + "*"),
                this::received, vertx);
        metrics.gauge("orderflow.conversation.streams", open);
    }

    Uni<Void> publish(RoomEvent event) {
        deliver(event);
        return failOpen.run(pubsub.publish(CHANNEL_PREFIX + event.roomId(), event.encode(origin)));
    }

    /** Registers the stream for its room's events; a stopping instance ends it at once instead. */
    void add(RoomStream stream) {
        if (stopping) {
            stream.end();
            return;
        }
        streams.compute(stream.roomId, (room, roomStreams) -> {
            Set<RoomStream> registered = roomStreams == null ? ConcurrentHashMap.newKeySet() : roomStreams;
            registered.add(stream);
            return registered;
        });
        open.incrementAndGet();
    }

    void remove(RoomStream stream) {
        streams.computeIfPresent(stream.roomId, (room, roomStreams) -> {
            if (roomStreams.remove(stream)) {
                open.decrementAndGet();
            }
            return roomStreams.isEmpty() ? null : roomStreams;
        });
    }

    /** Each room with streams open here, and those streams. */
    void forEachRoom(BiConsumer<UUID, Set<RoomStream>> action) {
        streams.forEach(action);
    }

    void subscribe(@Observes StartupEvent start) {
        subscription.start();
    }

    /**
     * Open streams would hold a stopping instance until its shutdown timeout: they end now, as do streams opened
     * from now on, and clients reconnect elsewhere.
     */
    void stop(@Observes ShutdownDelayInitiatedEvent stop) {
        stopping = true;
        subscription.stop();
        streams.values().forEach(roomStreams -> roomStreams.forEach(RoomStream::end));
    }

    private void received(String text) {
        RoomEvent.Published published = RoomEvent.decode(text);
        if (published != null && !origin.equals(published.origin())) {
            deliver(published.event());
        }
    }

    private void deliver(RoomEvent event) {
        Set<RoomStream> roomStreams = streams.get(event.roomId());
        if (roomStreams != null) {
            roomStreams.forEach(stream -> stream.deliver(event));
        }
    }
}
