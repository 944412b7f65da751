package statelab.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failure counters in this node's memory: right for one server, wrong behind a balancer (each node
 * counts only what it saw). Bounded: at most {@link #MAX_NAMES} user names are tracked; past that the
 * expired ones are dropped, and if none are, all are forgotten, which a flood of names can provoke:
 * one more reason to count in a shared store.
 */
public final class LocalLoginThrottle implements LoginThrottle {
    static final int MAX_NAMES = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final SessionPolicy policy;

    public LocalLoginThrottle(SessionPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<Duration> blocked(String user) {
        Window window = windows.get(user);
        Instant now = policy.now();
        if (window == null || window.failures() < LIMIT || expired(window, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.start().plus(WINDOW)));
    }

    @Override
    public void failed(String user) {
        Instant now = policy.now();
        if (windows.size() >= MAX_NAMES) {
            windows.values().removeIf(w -> expired(w, now));
            if (windows.size() >= MAX_NAMES) {
                windows.clear();
            }
        }
        windows.merge(user, new Window(now, 1),
                (old, one) -> expired(old, now) ? one : new Window(old.start(), old.failures() + 1));
    }

    @Override
    public void succeeded(String user) {
        windows.remove(user);
    }

    @Override
    public String scope() {
        return "node";
    }

    private static boolean expired(Window window, Instant now) {
        return !now.isBefore(window.start().plus(WINDOW));
    }
}
