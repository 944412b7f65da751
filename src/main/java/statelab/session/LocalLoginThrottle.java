package statelab.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempt counters in this node's memory: right for one server, wrong behind a balancer (each node
 * counts only what it saw). Each reservation is one {@link ConcurrentHashMap#compute}, so check and
 * count cannot be split by a concurrent guess. Bounded: at most {@link #MAX_NAMES} user names are
 * tracked; past that the expired ones are dropped, and if none are, all are forgotten, which a flood
 * of names can provoke: one more reason to count in a shared store.
 */
public final class LocalLoginThrottle implements LoginThrottle {
    static final int MAX_NAMES = 10_000;

    private record Window(Instant start, int attempts) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final SessionPolicy policy;

    public LocalLoginThrottle(SessionPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<Duration> reserve(String user) {
        Instant now = policy.now();
        makeRoom(now);
        Duration[] wait = {null};
        windows.compute(user, (name, window) -> {
            if (window == null || expired(window, now)) {
                return new Window(now, 1);
            }
            if (window.attempts() >= LIMIT) {
                wait[0] = Duration.between(now, window.start().plus(WINDOW));
                return window;
            }
            return new Window(window.start(), window.attempts() + 1);
        });
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public void release(String user) {
        windows.computeIfPresent(user, (name, window) ->
                window.attempts() <= 1 ? null : new Window(window.start(), window.attempts() - 1));
    }

    @Override
    public String scope() {
        return "node";
    }

    private void makeRoom(Instant now) {
        if (windows.size() >= MAX_NAMES) {
            windows.values().removeIf(w -> expired(w, now));
            if (windows.size() >= MAX_NAMES) {
                windows.clear();
            }
        }
    }

    private static boolean expired(Window window, Instant now) {
        return !now.isBefore(window.start().plus(WINDOW));
    }
}
