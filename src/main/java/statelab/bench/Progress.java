package statelab.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line on standard error while a run goes: rewritten in place on a terminal, one line
 * every few seconds otherwise (a log, a CI run), so it never floods what it is written to.
 */
final class Progress {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlain;
    private int width;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Tells what is being prepared (signing users in, restarting a node). */
    void note(String text) {
        line(text, true);
    }

    void measuring(String label, double elapsed, double total, long ok, long failed, double perSecond, long p99Micros) {
        String text = String.format(Locale.ROOT, "[%s] %5.1f / %.0f s  ok %,d  failed %,d  %,.0f req/s  p99 %.2f ms",
                label, elapsed, total, ok, failed, perSecond, p99Micros / 1000.0);
        line(text, false);
    }

    /** The users run in a JVM of their own, whose figures arrive at the end of the phase. */
    void measuringElsewhere(String label, double elapsed, double total) {
        line(String.format(Locale.ROOT, "[%s] %5.1f / %.0f s  (load generator in its own JVM: figures at the end)",
                label, elapsed, total), false);
    }

    void warming(String label, double left) {
        line(String.format(Locale.ROOT, "[%s] warming up, %.1f s left", label, left), false);
    }

    /** Ends the line so what follows starts on a fresh one. */
    void done() {
        if (terminal && width > 0) {
            out.println();
            width = 0;
        }
    }

    private void line(String text, boolean always) {
        if (terminal) {
            out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            out.flush();
            width = text.length();
            return;
        }
        long now = System.nanoTime();
        if (always || now - lastPlain >= PLAIN_EVERY_NANOS) {
            out.println(text);
            lastPlain = now;
        }
    }
}
