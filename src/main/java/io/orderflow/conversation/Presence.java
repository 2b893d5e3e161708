package io.orderflow.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.RedisFailOpen;
import io.orderflow.platform.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is online in a room and who is typing, kept only in Redis with short TTLs, never in PostgreSQL. Online: one
 * sorted-set member per open stream ({@code userId/streamId}), scored with the time it lapses, renewed by the stream's
 * heartbeat, so a user with two devices stays online until both leave and a stream of a crashed instance lapses on its
 * own. Typing: one key per user and room whose TTL throttles the typing events a room receives. Without Redis nobody
 * shows online and every typing signal is passed on.
 */
@ApplicationScoped
class Presence {

    /**
     * KEYS[1] the room's online set; ARGV: the lapse in ms, a member to remove ("" for none), then the members to add
     * or renew. Answers the members online.
     */
    static final String ONLINE = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local lapse = tonumber(ARGV[1])
            if ARGV[2] ~= '' then redis.call('ZREM', KEYS[1], ARGV[2]) end
            for i = 3, #ARGV do redis.call('ZADD', KEYS[1], now + lapse, ARGV[i]) end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('PEXPIRE', KEYS[1], lapse)
            return redis.call('ZRANGE', KEYS[1], 0, -1)""";

    private final ReactiveRedisDataSource redis;
    private final Duration presenceTtl;
    private final Duration typingTtl;
    private final RedisFailOpen failOpen;

    Presence(ReactiveRedisDataSource redis, ConversationConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.presenceTtl = config.presenceTtl();
        this.typingTtl = config.typingTtl();
        this.failOpen = new RedisFailOpen(metrics, "room-presence", "presence is not shown and typing is not throttled");
    }

    /** Marks the streams of one room online (or renews them) and answers the users online in it. */
    Uni<List<UUID>> online(UUID roomId, Collection<RoomStream> streams) {
        return update(roomId, "", streams.stream().map(stream -> stream.presenceId).toList());
    }

    /** Takes the stream off and answers the users still online in the room. */
    Uni<List<UUID>> offline(RoomStream stream) {
        return update(stream.roomId, stream.presenceId, List.of());
    }

    /** Whether this typing signal is news to the room: false while the user's previous one is recent. */
    Uni<Boolean> startsTyping(UUID roomId, UUID userId) {
        String key = RedisKeys.key("conversation", "typing", roomId + ":" + userId);
        Uni<Boolean> first = redis.execute("SET", key, "1", "NX", "PX", Long.toString(typingTtl.toMillis() / 2))
                .map(reply -> reply != null);
        return failOpen.call(first, true);
    }

    Duration typingTtl() {
        return typingTtl;
    }

    private Uni<List<UUID>> update(UUID roomId, String remove, List<String> add) {
        List<String> arguments = new ArrayList<>(List.of(ONLINE, "1", RedisKeys.key("conversation", "online", roomId),
                Long.toString(presenceTtl.toMillis()), remove));
        arguments.addAll(add);
        Uni<List<UUID>> online = redis.execute("EVAL", arguments.toArray(String[]::new))
                .map(reply -> {
                    Set<UUID> users = new LinkedHashSet<>();
                    reply.forEach(member -> users.add(UUID.fromString(member.toString().split("/")[0])));
                    return new ArrayList<>(users);
                });
        return failOpen.call(online, List.of());
    }
}
