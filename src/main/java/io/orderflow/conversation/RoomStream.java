package io.orderflow.conversation;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One open stream of a room. It sends each kept event once, in event-id order, with no gap a reconnect could not
 * fill: live events come from {@link RoomFanout}; when one arrives ahead of the next id expected (a publish lost
 * while Redis was away, or two publishes overtaking each other), the stream catches up from PostgreSQL first and
 * sends what it receives meanwhile after that. Ids are handed out in commit order under the room's row lock, so
 * what the catch-up reads covers everything published before it. Read receipts, typing and presence are not kept:
 * they go out stamped with the current position, so a client's Last-Event-ID stays a position it can replay from.
 */
final class RoomStream {

    /** Kept events of a room after an event id, oldest first, at most {@code limit}. */
    interface Replay {
        Uni<List<RoomEvent>> after(UUID roomId, long eventId, int limit);
    }

    private static final Logger LOG = Logger.getLogger(RoomStream.class);

    final UUID roomId;
    final UUID userId;
    final String presenceId;
    /** When the access token the stream was opened with expires: the stream ends then, and access is checked again. */
    final Instant expiresAt;
    private final Replay replay;
    private final int batch;
    private final MultiEmitter<? super StreamEvent> emitter;
    private final List<RoomEvent> pending = new ArrayList<>();
    private long position;
    private boolean catchingUp;

    RoomStream(UUID roomId, UUID userId, Instant expiresAt, long position, Replay replay, int batch,
               MultiEmitter<? super StreamEvent> emitter) {
        this.roomId = roomId;
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.presenceId = userId + "/" + UUID.randomUUID();
        this.position = position;
        this.replay = replay;
        this.batch = batch;
        this.emitter = emitter;
    }

    synchronized void deliver(RoomEvent event) {
        if (catchingUp) {
            pending.add(event);
        } else if (!event.kept()) {
            send(event);
        } else if (event.id() == position + 1) {
            send(event);
        } else if (event.id() > position + 1) {
            pending.add(event);
            catchUp();
        }
    }

    /** Reads what was committed after the current position; live events wait until it is sent. */
    synchronized void catchUp() {
        if (catchingUp) {
            return;
        }
        catchingUp = true;
        replay.after(roomId, position, batch).subscribe().with(this::caughtUp, this::failed);
    }

    /** Catches up when the room's latest event id is ahead of what the stream sent: a publish that never arrived. */
    synchronized void catchUpTo(long latest) {
        if (latest > position) {
            catchUp();
        }
    }

    void comment(String text) {
        emitter.emit(StreamEvent.comment(text));
    }

    private synchronized void caughtUp(List<RoomEvent> events) {
        if (emitter.isCancelled()) {
            return;
        }
        events.stream().filter(event -> event.id() > position).forEach(this::send);
        catchingUp = false;
        if (events.size() == batch) {
            catchUp();
            return;
        }
        List<RoomEvent> waiting = new ArrayList<>(pending);
        pending.clear();
        waiting.forEach(this::deliver);
    }

    /** The client reconnects with its Last-Event-ID and replays from there, on this instance or another. */
    private void failed(Throwable failure) {
        LOG.debugf("Ending a stream of room %s: its catch-up failed: %s", roomId, failure);
        emitter.complete();
    }

    private void send(RoomEvent event) {
        if (event.kept()) {
            position = event.id();
        }
        emitter.emit(StreamEvent.of(event, position));
    }

    void end() {
        emitter.complete();
    }
}
