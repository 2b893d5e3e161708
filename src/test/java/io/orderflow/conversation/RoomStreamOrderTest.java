package io.orderflow.conversation;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How one stream orders live events and catches up, with the database replaced by a list of committed events. */
class RoomStreamOrderTest {

    private static final UUID ROOM = UUID.randomUUID();

    private final List<RoomEvent> committed = new ArrayList<>();
    private final List<CompletableFuture<List<RoomEvent>>> replays = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();

    private RoomStream streamFrom(long position) {
        AtomicReference<MultiEmitter<? super StreamEvent>> emitter = new AtomicReference<>();
        Multi.createFrom().<StreamEvent>emitter(emitter::set)
                .subscribe().with(event -> sent.add(event.isComment() ? ":" + event.comment() : event.name() + "#" + event.id()));
        return new RoomStream(ROOM, UUID.randomUUID(), Instant.MAX, position, this::replay, 2, emitter.get());
    }

    private Uni<List<RoomEvent>> replay(UUID room, long after, int limit) {
        List<RoomEvent> found = committed.stream().filter(event -> event.id() > after).limit(limit).toList();
        CompletableFuture<List<RoomEvent>> answer = new CompletableFuture<>();
        replays.add(answer);
        return Uni.createFrom().completionStage(answer).replaceWith(found);
    }

    private RoomEvent commit(long id) {
        RoomEvent event = new RoomEvent(ROOM, RoomEvent.MESSAGE, id, "{}");
        committed.add(event);
        return event;
    }

    private void answerReplays() {
        while (!replays.isEmpty()) {
            replays.remove(0).complete(List.of());
        }
    }

    @Test
    void eventsInOrderGoOutAtOnceAndRepeatsAreDropped() {
        RoomStream stream = streamFrom(4);
        stream.deliver(commit(5));
        stream.deliver(commit(6));
        stream.deliver(committed.get(0));

        assertEquals(List.of("message#5", "message#6"), sent);
        assertEquals(List.of(), replays, "no database read while nothing is missing");
    }

    @Test
    void anEventAheadOfTheNextIdCatchesUpFromTheDatabaseFirstAndSendsEachOnce() {
        RoomStream stream = streamFrom(4);
        RoomEvent lost = commit(5);
        RoomEvent six = commit(6);
        stream.deliver(six);
        RoomEvent seven = commit(7);
        stream.deliver(seven);
        stream.deliver(new RoomEvent(ROOM, RoomEvent.TYPING, 0, "{}"));
        assertEquals(List.of(), sent, "nothing goes out while catching up");

        answerReplays();
        stream.deliver(lost);
        stream.deliver(commit(8));

        assertEquals(List.of("message#5", "message#6", "message#7", "typing#7", "message#8"), sent);
    }

    @Test
    void aCatchUpLongerThanOneBatchReadsOnAndAnIdSupersededByAnEditDoesNotStallTheStream() {
        RoomStream stream = streamFrom(0);
        commit(2);
        commit(3);
        commit(5);
        stream.catchUp();
        answerReplays();
        stream.deliver(commit(6));

        assertEquals(List.of("message#2", "message#3", "message#5", "message#6"), sent);
    }

    @Test
    void theHeartbeatsCheckCatchesUpOnlyAStreamBehindItsRoom() {
        RoomStream stream = streamFrom(4);
        stream.catchUpTo(4);
        assertEquals(List.of(), replays, "a stream at the room's latest event reads nothing");

        commit(5);
        stream.catchUpTo(5);
        answerReplays();
        assertEquals(List.of("message#5"), sent, "a publish that never arrived is read back");
    }

    @Test
    void eventsTravelAsOneLineAndComeBackTheSame() {
        RoomEvent event = new RoomEvent(ROOM, RoomEvent.MESSAGE_EDITED, 42, "{\"body\":\"a b\\nc\"}");
        RoomEvent.Published published = RoomEvent.decode(event.encode("instance-1"));

        assertEquals("instance-1", published.origin());
        assertEquals(event, published.event());
        assertNull(RoomEvent.decode("not an event"));
    }
}
