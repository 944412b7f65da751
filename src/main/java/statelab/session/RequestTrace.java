package statelab.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What the current request cost the session layer: the store commands it caused and the time spent
 * finding or changing the session. Recorded on the request's own thread, so a node can report it
 * ({@code X-Store-Commands}, {@code Server-Timing: session}) before it commits the answer.
 */
public final class RequestTrace {
    /**
     * At most this many commands are kept per trace: a request runs a handful, and a thread that never
     * calls {@link #begin()} (a benchmark loop, the lab's own admin) must not grow its list for ever.
     */
    public static final int MAX_COMMANDS = 64;

    private static final class Trace {
        final List<String> commands = new ArrayList<>();
        long sessionNanos;
    }

    private static final ThreadLocal<Trace> CURRENT = ThreadLocal.withInitial(Trace::new);

    private RequestTrace() {
    }

    /** Forgets what earlier requests on this thread recorded. */
    public static void begin() {
        Trace trace = CURRENT.get();
        trace.commands.clear();
        trace.sessionNanos = 0;
    }

    public static void recordCommand(String command) {
        List<String> commands = CURRENT.get().commands;
        if (commands.size() < MAX_COMMANDS) {
            commands.add(command);
        }
    }

    public static void addSessionNanos(long nanos) {
        CURRENT.get().sessionNanos += nanos;
    }

    /** The commands recorded since {@link #begin()}, in order. */
    public static List<String> commands() {
        return List.copyOf(CURRENT.get().commands);
    }

    public static long sessionNanos() {
        return CURRENT.get().sessionNanos;
    }
}
