package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.redis.RedisKeys;

/**
 * The cache lab's product price. The price itself lives in the lab's Redis, which plays the
 * database; {@code GET /catalog/price?variant=local} reads it through a Caffeine cache in this node's
 * memory, {@code variant=shared} through a cache entry in Redis that every node uses. A change
 * ({@code POST /catalog/price}) writes the database and, as ordinary code does, drops only the
 * entries this node can reach: its own memory's and the shared one. The other nodes' memories keep
 * the old price until their entries expire.
 */
final class CatalogEndpoints {
    static final String DATABASE_KEY = RedisKeys.PRICE;
    static final String SHARED_CACHE_KEY = RedisKeys.PRICE_CACHE;
    static final long STARTING_PRICE = 100;
    static final long MAX_PRICE = 1_000_000;
    /** How long a cached price is used before the database is read again (both caches alike). */
    static final Duration CACHE_FOR = Duration.ofMinutes(10);
    private static final String ITEM = "price";

    private final NodeResponses out;
    private final NodeStores stores;
    private final Cache<String, Long> local = Caffeine.newBuilder().maximumSize(16).expireAfterWrite(CACHE_FOR).build();

    CatalogEndpoints(NodeResponses out, NodeStores stores) {
        this.out = out;
        this.stores = stores;
    }

    void read(Request request, Response response, Callback callback) throws ProblemException {
        String variant = Variant.of(request, "local", "local", "shared");
        Long cached = variant.equals("local") ? local.getIfPresent(ITEM) : sharedCached();
        long price;
        if (cached != null) {
            price = cached;
        } else {
            price = database();
            if (variant.equals("local")) {
                local.put(ITEM, price);
            } else {
                stores.shared().call(c -> c.set(SHARED_CACHE_KEY, Long.toString(price), SetArgs.Builder.ex(CACHE_FOR)));
            }
        }
        out.json(response, callback, 200, answer(variant, price, cached != null));
    }

    void change(Request request, Response response, Callback callback) throws ProblemException {
        JsonNode body = JsonBodies.parse(NodeRequest.jsonBody(request));
        JsonNode price = body.isObject() && body.size() == 1 ? body.get("price") : null;
        if (price == null || !price.isIntegralNumber() || !price.canConvertToLong()
                || price.asLong() < 1 || price.asLong() > MAX_PRICE) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "send {\"price\": N} with N a whole number from 1 to " + MAX_PRICE);
        }
        long value = price.asLong();
        stores.shared().call(c -> c.set(DATABASE_KEY, Long.toString(value)));
        // What real code does after a write: forget the entries it knows of. It cannot reach other nodes' memory.
        local.invalidate(ITEM);
        stores.shared().call(c -> c.del(SHARED_CACHE_KEY));
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("price", value);
        changed.put("path", "/catalog/price");
        changed.put("dropped", "this node's own cache entry and the shared one");
        out.json(response, callback, 200, changed);
    }

    private Long sharedCached() {
        String value = stores.shared().call(c -> c.get(SHARED_CACHE_KEY));
        return parse(value);
    }

    private long database() {
        Long value = parse(stores.shared().call(c -> c.get(DATABASE_KEY)));
        return value == null ? STARTING_PRICE : value;
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> answer(String variant, long price, boolean cached) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", "/catalog/price");
        body.put("variant", variant);
        body.put("price", price);
        body.put("cached", cached);
        body.put("source", cached ? (variant.equals("local") ? "this node's memory" : "the shared cache") : "the database");
        return body;
    }
}
