package statelab.lb.haproxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import statelab.lb.BalancerStats;

/**
 * HAProxy's {@code show stat} CSV, read for what our balancer counts too: requests sent to servers
 * (their {@code stot}), retries and redispatches ({@code wretr}, {@code wredis}), and the 503
 * answers HAProxy gave itself when no server was up (the backend's {@code hrsp_5xx} less what the
 * servers answered 5xx, an estimate: HAProxy does not count them apart).
 */
final class HaproxyStats implements BalancerStats {
    private final Map<String, Map<String, Long>> rows;

    private HaproxyStats(Map<String, Map<String, Long>> rows) {
        this.rows = rows;
    }

    static HaproxyStats parse(String csv) {
        Map<String, Map<String, Long>> rows = new HashMap<>();
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            return new HaproxyStats(rows);
        }
        List<String> header = List.of(lines[0].substring(2).split(",", -1));
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length < header.size() || !fields[0].equals(HaproxyConfig.BACKEND)) {
                continue;
            }
            Map<String, Long> values = new HashMap<>();
            for (int f = 2; f < header.size(); f++) {
                if (fields[f].matches("\\d+")) {
                    values.put(header.get(f), Long.parseLong(fields[f]));
                }
            }
            rows.put(fields[1], values);
        }
        return new HaproxyStats(rows);
    }

    /** A server's counter by column name; 0 when absent. */
    long serverValue(String server, String column) {
        return rows.getOrDefault(server, Map.of()).getOrDefault(column, 0L);
    }

    private long backend(String column) {
        return serverValue("BACKEND", column);
    }

    @Override
    public long forwarded() {
        return rows.entrySet().stream().filter(e -> !e.getKey().equals("BACKEND"))
                .mapToLong(e -> e.getValue().getOrDefault("stot", 0L)).sum();
    }

    @Override
    public long retries() {
        return backend("wretr") + backend("wredis");
    }

    /** HAProxy's {@code connect}: connection attempts for requests; its health checks are counted apart. */
    @Override
    public long backendConnections() {
        return backend("connect");
    }

    @Override
    public long nodeDownAnswers() {
        long servers5xx = rows.entrySet().stream().filter(e -> !e.getKey().equals("BACKEND"))
                .mapToLong(e -> e.getValue().getOrDefault("hrsp_5xx", 0L)).sum();
        return Math.max(0, backend("hrsp_5xx") - servers5xx);
    }
}
