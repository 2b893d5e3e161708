package io.orderflow.platform;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * How stale a replica is, from positions in the primary's WAL: the primary's position is sampled with the
 * time just before it was asked, and a replica that has replayed up to position P holds every commit made
 * before the newest sample at or below P. Its staleness is the time since that sample: 0-ish when it is
 * caught up, growing while it falls behind, unknown once it is behind every sample kept (older than
 * {@code window}). Not thread-safe: one checker feeds it.
 */
final class ReplicaLag {

    private record Sample(long atMillis, long position) {
    }

    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    ReplicaLag(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** The primary's WAL position, read by a query sent at {@code atMillis}. */
    void primaryAt(long atMillis, long position) {
        samples.addLast(new Sample(atMillis, position));
        while (samples.size() > 1 && samples.peekFirst().atMillis() < atMillis - windowMillis) {
            samples.removeFirst();
        }
    }

    /** Milliseconds of commits a replica that replayed up to {@code replayed} may miss at {@code nowMillis}; empty when unknown. */
    OptionalLong stalenessMillis(long replayed, long nowMillis) {
        for (Iterator<Sample> newestFirst = samples.descendingIterator(); newestFirst.hasNext(); ) {
            Sample sample = newestFirst.next();
            if (sample.position() <= replayed) {
                return OptionalLong.of(Math.max(0, nowMillis - sample.atMillis()));
            }
        }
        return OptionalLong.empty();
    }
}
