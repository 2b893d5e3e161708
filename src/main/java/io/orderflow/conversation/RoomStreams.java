package io.orderflow.conversation;

import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.security.Caller;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens a room's live stream: registered for live events first, then what was committed after the client's
 * Last-Event-ID (or after the room's latest event, for a first connection) is read from PostgreSQL and sent, then
 * live events follow. A heartbeat comment goes out every {@code orderflow.conversation.heartbeat} and renews the
 * caller's presence; the room hears when the caller comes and goes.
 */
@ApplicationScoped
public class RoomStreams {

    private static final Logger LOG = Logger.getLogger(RoomStreams.class);

    private final RoomService rooms;
    private final Messages messages;
    private final RoomEvents events;
    private final RoomFanout fanout;
    private final Presence presence;
    private final Pool db;
    private final Vertx vertx;
    private final ConversationConfig config;
    private long heartbeat;

    RoomStreams(RoomService rooms, Messages messages, RoomEvents events, RoomFanout fanout, Presence presence, Pool db,
                Vertx vertx, ConversationConfig config) {
        this.rooms = rooms;
        this.messages = messages;
        this.events = events;
        this.fanout = fanout;
        this.presence = presence;
        this.db = db;
        this.vertx = vertx;
        this.config = config;
    }

    /**
     * Where a stream starts: the room, the event id after which it replays what was committed, and when the caller's
     * access token expires (the stream ends then, so a client that lost access meanwhile is not served on).
     */
    record Start(RoomAccess access, long after, Instant until) {
    }

    /**
     * Checked before the stream starts, so a bad Last-Event-ID is a plain 400 and a room the caller may not see a
     * plain 404. Without Last-Event-ID the stream starts at the room's latest event; an id beyond it is taken as that.
     */
    Uni<Start> start(Caller caller, UUID roomId, String lastEventId, Instant until) {
        return Uni.createFrom().item(() -> eventId(lastEventId))
                .chain(after -> rooms.access(caller, roomId).map(access -> {
                    long latest = access.room().lastEventId();
                    return new Start(access, after == null ? latest : Math.min(after, latest), until);
                }));
    }

    /**
     * The stream's events wait in a bounded buffer for a slow client: one that falls too far behind loses the
     * stream and reconnects with its Last-Event-ID, instead of the server holding everything it did not read.
     */
    Multi<StreamEvent> open(Start start) {
        RoomAccess access = start.access();
        return Multi.createFrom().emitter(emitter -> register(new RoomStream(access.roomId(), access.userId(), start.until(),
                start.after(), this::replay, config.replayBatch(), emitter), emitter), 2 * config.replayBatch() + 100);
    }

    private static Long eventId(String header) {
        if (header == null) {
            return null;
        }
        if (!header.matches("\\d{1,18}")) {
            throw new BadRequestException("invalid-parameter", "Last-Event-ID must be the id of an event this stream sent");
        }
        return Long.valueOf(header);
    }

    /**
     * The opening comment tells the client the stream is up: anything committed after it reaches the stream, live or
     * by the catch-up that follows the registration.
     */
    private void register(RoomStream stream, MultiEmitter<? super StreamEvent> emitter) {
        stream.comment("open");
        fanout.add(stream);
        emitter.onTermination(() -> {
            fanout.remove(stream);
            announce(stream.roomId, presence.offline(stream));
        });
        stream.catchUp();
        announce(stream.roomId, presence.online(stream.roomId, List.of(stream)));
    }

    /**
     * One timer for every stream of this instance, not one each. Every heartbeat: streams whose token expired end
     * (the client reconnects, and its access is checked again); the others get a comment line; each room's presence
     * is renewed in one Redis call; and one query reads the rooms' latest event ids, so a stream that missed a
     * publish (Redis away, a subscription being made again) catches up within a heartbeat even in a quiet room.
     */
    void startHeartbeat(@Observes StartupEvent start) {
        heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), tick -> {
            Instant now = Instant.now();
            Map<UUID, Set<RoomStream>> open = new HashMap<>();
            fanout.forEachRoom((roomId, roomStreams) -> {
                roomStreams.stream().filter(stream -> stream.expiresAt.isBefore(now)).forEach(RoomStream::end);
                roomStreams.forEach(stream -> stream.comment("heartbeat"));
                presence.online(roomId, roomStreams).subscribe().with(online -> {
                });
                open.put(roomId, roomStreams);
            });
            if (!open.isEmpty()) {
                rooms.latestEvents(open.keySet()).subscribe().with(
                        latest -> latest.forEach((roomId, eventId) -> open.get(roomId).forEach(stream -> stream.catchUpTo(eventId))),
                        failure -> LOG.debugf("The heartbeat could not read the rooms' latest events: %s", failure));
            }
        });
    }

    void stopHeartbeat(@Observes ShutdownDelayInitiatedEvent stop) {
        vertx.cancelTimer(heartbeat);
    }

    private void announce(UUID roomId, Uni<List<UUID>> online) {
        online.chain(users -> events.presence(roomId, users)).subscribe().with(done -> {
        });
    }

    private Uni<List<RoomEvent>> replay(UUID roomId, long after, int limit) {
        return messages.since(db, roomId, after, limit).map(found -> found.stream().map(events::of).toList());
    }
}
