package statelab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a state lab measured, by name: a figure is a whole number ({@code reads: 3}) or whole
 * numbers by variant or cluster ({@code staleReads: {local: 2, shared: 0}}). A scenario's
 * {@code figures} lines choose which ones its JSON shows, and in what order; without any, all are
 * shown in the order they were first measured.
 */
public final class Figures {
    private final Map<String, Object> measured = new LinkedHashMap<>();
    private final Map<String, List<String>> shown = new LinkedHashMap<>();

    /** Adds to one key of a keyed figure (creating it at 0). */
    public synchronized void add(String figure, String key, long amount) {
        keyed(figure).merge(key, amount, (a, b) -> (Long) a + (Long) b);
    }

    /** Sets a plain figure. */
    public synchronized void set(String figure, long value) {
        measured.put(figure, value);
    }

    /** Sets a plain figure to the larger of its value and this one. */
    public synchronized void atLeast(String figure, long value) {
        measured.merge(figure, value, (a, b) -> Math.max((Long) a, (Long) b));
    }

    /** Sets one key of a keyed figure. */
    public synchronized void put(String figure, String key, long value) {
        keyed(figure).put(key, value);
    }

    /** Shows this figure (only these keys when some are given). */
    public synchronized void show(String figure, List<String> keys) {
        shown.put(figure, List.copyOf(keys));
    }

    /** A plain figure's value, or a keyed figure's value for {@code key}; null when not measured. */
    public synchronized Long value(String figure, String key) {
        Object value = measured.get(figure);
        if (value instanceof Map<?, ?> map) {
            return key == null ? null : (Long) map.get(key);
        }
        return (Long) value;
    }

    public synchronized boolean isEmpty() {
        return measured.isEmpty();
    }

    /** The figures to show, as plain maps and numbers in order; a chosen figure never measured is left out. */
    public synchronized Map<String, Object> document() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (shown.isEmpty()) {
            measured.forEach((name, value) -> out.put(name, copy(value, List.of())));
            return out;
        }
        shown.forEach((name, keys) -> {
            if (measured.containsKey(name)) {
                out.put(name, copy(measured.get(name), keys));
            }
        });
        return out;
    }

    /** The keys of keyed figures, in first-measured order: the columns of the side-by-side table. */
    public synchronized List<String> columns() {
        List<String> columns = new ArrayList<>();
        document().values().forEach(v -> {
            if (v instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> {
                    if (!columns.contains(k.toString())) {
                        columns.add(k.toString());
                    }
                });
            }
        });
        return columns;
    }

    private static Object copy(Object value, List<String> keys) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            map.forEach((k, v) -> out.put(k.toString(), v));
        } else {
            keys.forEach(k -> out.put(k, map.containsKey(k) ? map.get(k) : 0L));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> keyed(String figure) {
        Object value = measured.computeIfAbsent(figure, f -> new LinkedHashMap<String, Object>());
        if (!(value instanceof Map)) {
            value = new LinkedHashMap<String, Object>();
            measured.put(figure, value);
        }
        return (Map<String, Object>) value;
    }
}
