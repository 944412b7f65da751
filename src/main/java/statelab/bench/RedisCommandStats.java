package statelab.bench;

import java.util.Map;
import java.util.TreeMap;
import statelab.session.redis.RedisAdmin;

/**
 * Counts of the commands a Redis server executed, through the lab's {@link RedisAdmin}
 * ({@code INFO commandstats}): two snapshots around a phase give the commands that phase caused.
 * The {@code INFO} calls that take the snapshots are left out of every delta.
 */
final class RedisCommandStats {
    private final RedisAdmin admin;

    RedisCommandStats(RedisAdmin admin) {
        this.admin = admin;
    }

    /** Calls per command name (lower case), as the server counts them now. */
    Map<String, Long> snapshot() {
        return admin.commandCalls();
    }

    /** Reads the server has made from its clients' sockets so far (0 where it does not count them). */
    long reads() {
        return admin.readsProcessed();
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
}
