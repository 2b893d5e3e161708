package io.orderflow.cart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.ConflictException;
import io.orderflow.platform.ServiceUnavailableException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Carts in Redis: one hash per cart, field {@code createdAt} marking that the cart exists,
 * and one field per product holding its line as JSON. Every write is one Lua script, so
 * concurrent edits of a cart never lose a line, and refreshes the cart's TTL.
 */
@ApplicationScoped
class CartStore {

    /** A cart line as stored: the quantity and the price the customer saw when adding it. */
    record StoredLine(int quantity, long priceSeenCents, String currency, Instant addedAt) {
    }

    private static final Logger LOG = Logger.getLogger(CartStore.class);
    static final String CREATED_FIELD = "createdAt";

    static final String CREATE = """
            redis.call('HSET', KEYS[1], 'createdAt', ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1""";

    /**
     * Sets a line's quantity; a line already in the cart keeps the price seen when it was added. A new
     * line in a cart that has ARGV[7] lines answers 2 and changes nothing.
     */
    static final String PUT_LINE = """
            if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local current = redis.call('HGET', KEYS[1], ARGV[2])
            if not current and redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'createdAt') >= tonumber(ARGV[7]) then
              return 2
            end
            local line = ARGV[4]
            if current then
              local kept = cjson.decode(current)
              kept.quantity = tonumber(ARGV[3])
              line = cjson.encode(kept)
            end
            redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[5])
            redis.call('HSET', KEYS[1], ARGV[2], line)
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            return 1""";

    static final String REMOVE_LINE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1""";

    /** Drops every line but keeps the cart, so a guest's cart id stays valid. */
    static final String CLEAR_LINES = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
              if field ~= 'createdAt' then redis.call('HDEL', KEYS[1], field) end
            end
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1""";

    /**
     * Adds the guest cart KEYS[1] into the customer's cart KEYS[2] (quantities add, capped at ARGV[1]; new
     * lines only while the cart has fewer than ARGV[4]), then deletes it.
     */
    static final String MERGE = """
            local guest = redis.call('HGETALL', KEYS[1])
            if #guest == 0 then return 0 end
            for i = 1, #guest, 2 do
              local field = guest[i]
              if field ~= 'createdAt' then
                local line = guest[i + 1]
                local current = redis.call('HGET', KEYS[2], field)
                if current then
                  local kept = cjson.decode(current)
                  kept.quantity = math.min(kept.quantity + cjson.decode(line).quantity, tonumber(ARGV[1]))
                  redis.call('HSET', KEYS[2], field, cjson.encode(kept))
                elseif redis.call('HLEN', KEYS[2]) - redis.call('HEXISTS', KEYS[2], 'createdAt') < tonumber(ARGV[4]) then
                  redis.call('HSET', KEYS[2], field, line)
                end
              end
            end
            redis.call('HSETNX', KEYS[2], 'createdAt', ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('DEL', KEYS[1])
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper json;
    private final String ttlSeconds;

    CartStore(ReactiveRedisDataSource redis, ObjectMapper json, CartConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.json = json;
        this.ttlSeconds = Long.toString(config.ttl().toSeconds());
    }

    Uni<Void> create(CartKey cart) {
        return script(CREATE, List.of(cart.redisKey()), Instant.now().toString(), ttlSeconds).replaceWithVoid();
    }

    /** The cart's lines by product id, or empty when the cart does not exist. */
    Uni<Optional<Map<UUID, StoredLine>>> read(CartKey cart) {
        return hashes.hgetall(cart.redisKey())
                .onFailure().transform(CartStore::unavailable)
                .map(fields -> fields.isEmpty() ? Optional.empty() : Optional.of(lines(fields)));
    }

    /**
     * Emits false when a guest cart does not exist (a customer's cart is created on demand); a new line
     * in a cart that already has {@code maxLines} fails with 409 cart-full.
     */
    Uni<Boolean> putLine(CartKey cart, UUID productId, StoredLine line, int maxLines) {
        return eval(PUT_LINE, List.of(cart.redisKey()), cart.guest() ? "1" : "0", productId.toString(),
                Integer.toString(line.quantity()), write(line), Instant.now().toString(), ttlSeconds, Integer.toString(maxLines))
                .map(reply -> {
                    if (reply == 2) {
                        throw new ConflictException("cart-full", "A cart holds at most " + maxLines + " lines; remove one first",
                                Map.of("limit", maxLines));
                    }
                    return reply == 1;
                });
    }

    /** Emits false when the cart does not exist. */
    Uni<Boolean> removeLine(CartKey cart, UUID productId) {
        return script(REMOVE_LINE, List.of(cart.redisKey()), productId.toString(), ttlSeconds);
    }

    /** Emits false when the cart does not exist. */
    Uni<Boolean> clearLines(CartKey cart) {
        return script(CLEAR_LINES, List.of(cart.redisKey()), ttlSeconds);
    }

    /** Emits false when the guest cart does not exist (already merged or expired). */
    Uni<Boolean> merge(CartKey guest, CartKey customer, int maxQuantity, int maxLines) {
        return script(MERGE, List.of(guest.redisKey(), customer.redisKey()),
                Integer.toString(maxQuantity), Instant.now().toString(), ttlSeconds, Integer.toString(maxLines));
    }

    /** Runs a script that answers 1 when it did its work, 0 when the cart it needs does not exist. */
    private Uni<Boolean> script(String script, List<String> keys, String... args) {
        return eval(script, keys, args).map(reply -> reply == 1);
    }

    private Uni<Integer> eval(String script, List<String> keys, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(List.of(args));
        return redis.execute("EVAL", command.toArray(String[]::new))
                .onFailure().transform(CartStore::unavailable)
                .map(reply -> reply.toInteger());
    }

    private Map<UUID, StoredLine> lines(Map<String, String> fields) {
        Map<UUID, StoredLine> lines = new HashMap<>();
        fields.forEach((field, value) -> {
            if (!field.equals(CREATED_FIELD)) {
                lines.put(UUID.fromString(field), parse(value));
            }
        });
        return lines;
    }

    private StoredLine parse(String value) {
        try {
            return json.readValue(value, StoredLine.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable cart line " + value, e);
        }
    }

    private String write(StoredLine line) {
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write cart line", e);
        }
    }

    private static Throwable unavailable(Throwable failure) {
        LOG.warnf("Cart store unavailable: %s", failure.toString());
        return new ServiceUnavailableException("Carts are unavailable right now; try again shortly");
    }
}
