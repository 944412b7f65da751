package statelab.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The lab's one JSON configuration: a single Jackson mapper, configured here once and never handed
 * out, so no caller can change how another one reads or writes. Callers get immutable readers and
 * writers (safe to share between threads) and tree nodes.
 *
 * <p>Buffers come from one shared pool: every request runs on a fresh virtual thread, so Jackson's
 * default per-thread buffers would never be reused.
 */
public final class Json {
    private static final ObjectMapper MAPPER = mapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectReader MAP_READER = MAPPER.readerForMapOf(Object.class);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** Reads any JSON: {@code readTree}, or {@code forType(...)} for a class. */
    public static ObjectReader reader() {
        return READER;
    }

    /** Reads a JSON object as a {@code Map<String, Object>}; fails (an IOException) on anything else. */
    public static ObjectReader mapReader() {
        return MAP_READER;
    }

    /** Writes compact JSON. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** Writes indented JSON, for documents a person reads (the CLI's {@code --json}). */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** A new, empty JSON object to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new, empty JSON array to fill. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A value (a map, a list, a record) as a JSON tree; null becomes JSON null. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON tree (or any value) as plain maps, lists, strings and numbers. */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    /**
     * A reader for input from outside the lab: the same configuration, within these limits, refusing a
     * duplicate key and anything after the one document (two readers must never see two different bodies).
     */
    public static ObjectReader untrustedReader(StreamReadConstraints limits) {
        JsonFactory limited = MAPPER.getFactory().rebuild().streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return mapper(limited).reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The lab's mapper settings (today Jackson's defaults) over a factory; the only place a mapper is made. */
    private static ObjectMapper mapper(JsonFactory factory) {
        return JsonMapper.builder(factory).build();
    }
}
