package statelab.session.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import statelab.session.SessionIds;
import statelab.session.SessionStoreUnavailableException;

/**
 * The one place the lab asks its Redis about itself rather than about a session: how many session
 * keys there are, removing the lab's keys on a reset, command and memory statistics for the
 * benchmarks, and configuration. It walks the keyspace with {@code SCAN} in small steps, never
 * {@code KEYS}, so Redis is never blocked by a count.
 *
 * <p>Contract: runs on the lab's own {@link RedisLink} (from {@link RedisAccess#admin()}); a Redis
 * that cannot be reached is {@link SessionStoreUnavailableException}, except where a method says it
 * answers empty or does nothing instead. A connection found down is replaced at once (not left to
 * Lettuce's reconnect), so a reset right after Redis restarts or fails over works. Touches only keys
 * under {@link RedisKeys#ROOT}.
 */
public final class RedisAdmin implements AutoCloseable {
    private static final int SCAN_STEP = 500;
    private static final int DELETE_BATCH = 1_000;

    private final RedisLink link;

    RedisAdmin(RedisLink link) {
        this.link = link;
    }

    /** The number of session keys (logged-out ones count while their marker lives); empty when Redis does not answer. */
    public OptionalInt countSessions() {
        try {
            return OptionalInt.of(link.callOnFreshConnection(c -> {
                int keys = 0;
                ScanIterator<String> scan = ScanIterator.scan(c, ScanArgs.Builder.matches(RedisKeys.SESSIONS).limit(SCAN_STEP));
                while (scan.hasNext()) {
                    scan.next();
                    keys++;
                }
                return keys;
            }));
        } catch (SessionStoreUnavailableException e) {
            return OptionalInt.empty();
        }
    }

    /** Removes every key the project writes ({@link RedisKeys#ALL}) and answers how many; other keys stay. */
    public int flushLabKeys() {
        return link.callOnFreshConnection(c -> {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(c, ScanArgs.Builder.matches(RedisKeys.ALL).limit(SCAN_STEP)).forEachRemaining(keys::add);
            for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                c.del(keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).toArray(String[]::new));
            }
            return keys.size();
        });
    }

    /**
     * Removes a session the lab made for itself (a measurement's) and its entry in the user's index,
     * so it never shows in a count the learner sees. Does nothing when Redis cannot be reached.
     */
    public void forgetSession(String sessionId, String user) {
        try {
            link.callOnFreshConnection(c -> {
                c.del(RedisKeys.session(sessionId));
                return c.srem(RedisKeys.userSessions(user), SessionIds.digest(sessionId));
            });
        } catch (SessionStoreUnavailableException e) {
            // Left behind, it expires with its idle timeout like any other session.
        }
    }

    /** Removes these keys (in the background on Redis's side: {@code UNLINK}), in batches. */
    public void unlink(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            String[] batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH)).toArray(String[]::new);
            link.callOnFreshConnection(c -> c.unlink(batch));
        }
    }

    /** Calls per command name (lower case) as the server counts them now ({@code INFO commandstats}). */
    public Map<String, Long> commandCalls() {
        return commandCalls(info("commandstats"));
    }

    /**
     * {@code total_reads_processed} of {@code INFO stats}: how many times the server has read from its
     * clients' sockets, so commands divided by reads is how many commands one wake-up served. 0 where the
     * server does not count reads (before Redis 6).
     */
    public long readsProcessed() {
        return statsCounter(info("stats"), "total_reads_processed");
    }

    /** The value of one {@code name:value} counter line of an INFO answer; 0 when the line is absent. */
    static long statsCounter(String info, String name) {
        return numberField(info, name).orElse(0);
    }

    private static OptionalLong numberField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return OptionalLong.of(Long.parseLong(line.substring(name.length() + 1).trim()));
            }
        }
        return OptionalLong.empty();
    }

    /** {@code used_memory} of {@code INFO memory}: bytes the server holds for data and itself. */
    public long usedMemory() {
        return numberField(info("memory"), "used_memory")
                .orElseThrow(() -> new IllegalStateException("INFO memory has no used_memory"));
    }

    /** {@code MEMORY USAGE key}: bytes the key takes; empty when there is no such key. */
    public OptionalLong memoryUsage(String key) {
        Long bytes = link.callOnFreshConnection(c -> c.memoryUsage(key));
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** One section of {@code INFO}, as the server writes it. */
    public String info(String section) {
        return link.callOnFreshConnection(c -> c.info(section));
    }

    /** {@code CONFIG SET name value} on the running server. */
    public void configSet(String name, String value) {
        link.callOnFreshConnection(c -> c.configSet(name, value));
    }

    /** The {@code cmdstat_<name>:calls=<n>,...} lines of an INFO answer as name to calls, in the server's order. */
    static Map<String, Long> commandCalls(String info) {
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

    @Override
    public void close() {
        link.close();
    }
}
