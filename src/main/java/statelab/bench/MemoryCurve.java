package statelab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import statelab.session.InMemorySessionStrategy;
import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.JwtSessionStrategy;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.TokenVerifier;
import statelab.session.redis.RedisSessionStrategy;
import statelab.session.redis.RedisAccess;
import statelab.session.redis.RedisAdmin;
import statelab.session.redis.RedisKeys;

/**
 * Memory per session against sessions held, for each place a session can live. Sessions are made
 * through the strategy's own {@code create} (one user each), not by signing in: a sign-in hashes a
 * password on purpose and a million of them would take days. Measured:
 * <ul>
 *   <li>in a node's heap (in-memory and sticky keep the same map): heap used after a full GC, before
 *       and after, divided by the sessions; a point that would not fit in half of the free heap is skipped;</li>
 *   <li>in Redis: {@code used_memory} from {@code INFO memory} before and after (the session key and the
 *       user's index of sessions), and {@code MEMORY USAGE} of one session key; the keys are removed after;</li>
 *   <li>jwt: nothing is held on the server; what each request carries instead is the token, whose
 *       bytes are reported.</li>
 * </ul>
 * Contract: sends only to the given Redis (the lab's, on loopback); leaves no key behind.
 */
public final class MemoryCurve {
    /** The default points; a million is asked for explicitly (about a minute, and 200+ MB of Redis). */
    public static final List<Integer> DEFAULT_POINTS = List.of(1_000, 10_000, 100_000);
    public static final int MAX_POINT = 1_000_000;
    private static final int WRITERS = 8;

    /** One measurement; {@code bytesPerSession} is null when the point was skipped (see {@code note}). */
    public record Point(String strategy, String where, int sessions, Double bytesPerSession, String note) {
    }

    private MemoryCurve() {
    }

    /** Measures each point; Redis through the lab's {@link RedisAccess} (a link for the strategy, the admin for the figures). */
    public static List<Point> measure(List<Integer> points, RedisAccess access) throws Exception {
        for (int n : points) {
            if (n < 1 || n > MAX_POINT) {
                throw new IllegalArgumentException("sessions held must be between 1 and " + MAX_POINT);
            }
        }
        List<Point> out = new ArrayList<>();
        for (int n : points) {
            out.add(heap(n));
        }
        try (RedisSessionStrategy redis = new RedisSessionStrategy(access.newLink(), SessionPolicy.standard())) {
            for (int n : points) {
                out.addAll(redis(n, redis, access.admin()));
            }
        }
        JwtKeys keys = JwtKeys.generate();
        JwtSessionStrategy jwt = new JwtSessionStrategy(TokenIssuer.signingWith(keys, SessionPolicy.standard()),
                TokenVerifier.builder(keys::publicKeys).build(), SessionPolicy.standard(), RevocationList.none());
        int tokenBytes = jwt.create("bench-user-0").length();
        for (int n : points) {
            out.add(new Point("jwt", "server", n, 0.0, "nothing held; each request carries a " + tokenBytes + "-byte token"));
        }
        return out;
    }

    private static Point heap(int sessions) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        long free = memory.getHeapMemoryUsage().getMax() - before;
        // About 300 bytes a session: refuse a point that would take more than half of what is free.
        if ((long) sessions * 300 > free / 2) {
            return new Point("in-memory", "node heap", sessions, null,
                    "skipped: needs about " + (sessions * 300L >> 20) + " MB, " + (free >> 20) + " MB of heap free (-Xmx)");
        }
        InMemorySessionStrategy store = new InMemorySessionStrategy(SessionPolicy.standard());
        for (int i = 0; i < sessions; i++) {
            store.create("bench-user-" + i);
        }
        long after = usedAfterGc(memory);
        double perSession = (double) (after - before) / sessions;
        store.close();
        return new Point("in-memory", "node heap", sessions, perSession, "heap used after GC; sticky keeps the same map");
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<Point> redis(int sessions, RedisSessionStrategy redis, RedisAdmin admin) throws Exception {
        long before = admin.usedMemory();
        List<String> ids = createAll(sessions, i -> redis.create("bench-user-" + i));
        long after = admin.usedMemory();
        java.util.OptionalLong key = admin.memoryUsage(RedisKeys.session(ids.get(0)));
        Long oneKey = key.isPresent() ? key.getAsLong() : null;
        removeAll(ids, admin);
        List<Point> out = new ArrayList<>();
        out.add(new Point("redis", "redis used_memory", sessions, (double) (after - before) / sessions,
                "the session and its user's index of sessions"));
        out.add(new Point("redis", "redis MEMORY USAGE", sessions, oneKey == null ? null : oneKey.doubleValue(),
                "one session key"));
        return out;
    }

    private static List<String> createAll(int sessions, IntFunction<String> create) throws Exception {
        String[] ids = new String[sessions];
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int first = w;
                running.add(writers.submit(() -> {
                    for (int i = first; i < sessions; i += WRITERS) {
                        ids[i] = create.apply(i);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return List.of(ids);
    }

    private static void removeAll(List<String> ids, RedisAdmin admin) {
        List<String> keys = new ArrayList<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            keys.add(RedisKeys.session(ids.get(i)));
            keys.add(RedisKeys.userSessions("bench-user-" + i));
        }
        admin.unlink(keys);
    }

    /** The points as a table. */
    public static String table(List<Point> points) {
        StringBuilder out = new StringBuilder("Memory per session (sessions made through each strategy's create, not by signing in)\n");
        out.append(String.format(java.util.Locale.ROOT, "%-10s %-20s %10s %14s  %s%n", "strategy", "where", "sessions", "bytes/session", "note"));
        for (Point p : points) {
            out.append(String.format(java.util.Locale.ROOT, "%-10s %-20s %,10d %14s  %s%n", p.strategy(), p.where(), p.sessions(),
                    p.bytesPerSession() == null ? "-" : String.format(java.util.Locale.ROOT, "%,.0f", p.bytesPerSession()), p.note()));
        }
        return out.toString();
    }
}
