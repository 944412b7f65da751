package statelab.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the commands a Redis server executed, from {@code INFO commandstats}: two snapshots
 * around a phase give the commands that phase caused. The {@code INFO} calls that take the
 * snapshots are left out of every delta.
 */
final class RedisCommandStats implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisCommandStats(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
    }

    /** Calls per command name (lower case), as the server counts them now. */
    Map<String, Long> snapshot() {
        return parse(connection.sync().info("commandstats"));
    }

    /** The {@code cmdstat_<name>:calls=<n>,...} lines of an INFO answer as name to calls. */
    static Map<String, Long> parse(String info) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            int start = line.indexOf("calls=", colon);
            if (colon < 0 || start < 0) {
                continue;
            }
            int stop = line.indexOf(',', start);
            calls.put(line.substring(8, colon), Long.parseLong(line.substring(start + 6, stop < 0 ? line.length() : stop)));
        }
        return calls;
    }

    /** What ran between two snapshots, by command, zeros and {@code info} left out. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((name, calls) -> {
            long n = calls - before.getOrDefault(name, 0L);
            if (n > 0 && !name.equals("info")) {
                delta.put(name, n);
            }
        });
        return delta;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
