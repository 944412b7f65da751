package statelab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A state lab's figures side by side (one column per variant or cluster), then one verdict per column. */
public final class StateLabTable {
    private static final int NAME_WIDTH = 18;
    private static final int COLUMN_WIDTH = 11;

    private StateLabTable() {
    }

    public static String render(Map<String, Object> figures) {
        List<String> columns = new ArrayList<>();
        figures.values().forEach(v -> {
            if (v instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> {
                    if (!columns.contains(k.toString())) {
                        columns.add(k.toString());
                    }
                });
            }
        });
        StringBuilder out = new StringBuilder("\nfigures\n");
        out.append(String.format("  %-" + NAME_WIDTH + "s", ""));
        columns.forEach(c -> out.append(String.format(" %-" + COLUMN_WIDTH + "s", c)));
        out.append('\n');
        List<String> plain = new ArrayList<>();
        figures.forEach((name, value) -> {
            if (value instanceof Map<?, ?> map) {
                out.append(String.format("  %-" + NAME_WIDTH + "s", name));
                columns.forEach(c -> out.append(String.format(" %-" + COLUMN_WIDTH + "s",
                        map.containsKey(c) ? map.get(c) : "")));
                out.append('\n');
            } else {
                plain.add(name + ": " + value);
            }
        });
        if (!plain.isEmpty()) {
            out.append("  ").append(String.join(", ", plain)).append('\n');
        }
        out.append("\nverdicts\n");
        StateVerdicts.of(figures).forEach((key, verdict) -> out.append(String.format("  %-10s %s%n", key, verdict)));
        return out.toString();
    }
}
