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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Carts in Redis: one hash per cart, field {@code createdAt} marking that the cart exists,
 * and one field per product holding its line as JSON. Every change of a cart is one Lua script, so
 * concurrent edits of a cart never lose a line, and refreshes the cart's TTL; merging a guest cart
 * into a customer's takes three, one on each cart's hash slot (see {@link #TAKE_GUEST}).
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

    /*
     * A merge adds a guest cart into a customer's cart. Their keys have different hash tags, so on a Redis Cluster no
     * one script may touch both; it runs in three steps instead, each one script or command on one cart's slot, and
     * an interruption between them (an instance dies, a node does not answer) loses and doubles nothing when the same
     * merge runs again (the client sends its X-Cart-Id again): TAKE_GUEST moves the guest cart aside (the guest can no
     * longer change it, and a merge run again finds it there), MERGE adds its lines once per guest cart, recorded in
     * the same script, and the last step deletes what was set aside.
     */

    /**
     * Moves the guest cart KEYS[1] aside to KEYS[2] (same hash tag, same slot; RENAME keeps its TTL) and answers
     * what is set aside: what an unfinished merge left there when the guest cart is gone, nothing when neither exists.
     */
    static final String TAKE_GUEST = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end
            return redis.call('HGETALL', KEYS[2])""";

    /**
     * Adds a guest cart's lines into the customer's cart KEYS[1]: quantities add, capped at ARGV[2]; new lines only
     * while the cart has fewer than ARGV[5]. Does nothing and answers 0 when KEYS[2], the guest carts already added,
     * names it; that set lives a cart's TTL, so it outlasts the set-aside guest cart it guards.
     * ARGV: the guest cart, max quantity, now (a new cart's createdAt), TTL seconds, max lines, then product id and
     * line pairs.
     */
    static final String MERGE = """
            if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 0 end
            for i = 6, #ARGV, 2 do
              local field = ARGV[i]
              local line = ARGV[i + 1]
              local current = redis.call('HGET', KEYS[1], field)
              if current then
                local kept = cjson.decode(current)
                kept.quantity = math.min(kept.quantity + cjson.decode(line).quantity, tonumber(ARGV[2]))
                redis.call('HSET', KEYS[1], field, cjson.encode(kept))
              elseif redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'createdAt') < tonumber(ARGV[5]) then
                redis.call('HSET', KEYS[1], field, line)
              end
            end
            redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[1])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
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
        return takeGuest(guest).chain(taken -> taken
                .map(lines -> addGuestLines(guest, customer, lines, maxQuantity, maxLines)
                        .chain(() -> dropTaken(guest))
                        .replaceWith(true))
                .orElseGet(() -> Uni.createFrom().item(false)));
    }

    /** A merge's first step: the guest cart's lines (product id to stored line), set aside; empty when there is none. */
    Uni<Optional<Map<String, String>>> takeGuest(CartKey guest) {
        return redis.execute("EVAL", TAKE_GUEST, "2", guest.redisKey(), guest.takenKey())
                .onFailure().transform(CartStore::unavailable)
                .map(reply -> {
                    if (reply.size() == 0) {
                        return Optional.empty();
                    }
                    Map<String, String> lines = new LinkedHashMap<>();
                    for (int i = 0; i < reply.size(); i += 2) {
                        String field = reply.get(i).toString();
                        if (!field.equals(CREATED_FIELD)) {
                            lines.put(field, reply.get(i + 1).toString());
                        }
                    }
                    return Optional.of(lines);
                });
    }

    /** A merge's second step: adds the guest lines, unless a run of this merge already did. */
    Uni<Void> addGuestLines(CartKey guest, CartKey customer, Map<String, String> lines, int maxQuantity, int maxLines) {
        List<String> args = new ArrayList<>(List.of(guest.owner(), Integer.toString(maxQuantity), Instant.now().toString(),
                ttlSeconds, Integer.toString(maxLines)));
        lines.forEach((productId, line) -> {
            args.add(productId);
            args.add(line);
        });
        return eval(MERGE, List.of(customer.redisKey(), customer.mergedKey()), args.toArray(String[]::new)).replaceWithVoid();
    }

    /** A merge's last step: what the first set aside is gone. */
    Uni<Void> dropTaken(CartKey guest) {
        return redis.execute("DEL", guest.takenKey())
                .onFailure().transform(CartStore::unavailable)
                .replaceWithVoid();
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
