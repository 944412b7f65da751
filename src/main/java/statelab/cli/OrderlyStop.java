package statelab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Stops what a command started, in the reverse order of starting: clients and servers, then the lab
 * (whose Redis goes last). The command closes it when it ends; a Ctrl-C closes it from the JVM's
 * shutdown, after one line that says so, and nothing else: work cut short by the stop (a measurement,
 * a reconnecting Redis client) would otherwise report its interruption as if it were a fault.
 * Closing happens once; a second caller waits for the first to finish.
 */
final class OrderlyStop implements AutoCloseable {
    private static volatile boolean interrupted;

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final ReentrantLock closing = new ReentrantLock();
    private final PrintStream err;
    private final Thread hook;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private OrderlyStop(PrintStream err) {
        this.err = err;
        this.hook = new Thread(this::onInterrupt, "statelab-stop");
    }

    /** Starts watching for Ctrl-C (or a TERM signal); the caller closes it. */
    static OrderlyStop watching(PrintStream err) {
        OrderlyStop stop = new OrderlyStop(err);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a Ctrl-C (or TERM) is stopping the command: what fails from now on is no news. */
    static boolean interrupted() {
        return interrupted;
    }

    /** Adds a part to stop; parts stop in the reverse order of adding. */
    <T extends AutoCloseable> T add(T part) {
        closing.lock();
        try {
            if (closed) {
                closeQuietly(part);
                throw new IllegalStateException("stopping: " + part + " is not kept");
            }
            parts.push(part);
            return part;
        } finally {
            closing.unlock();
        }
    }

    /** Waits until a Ctrl-C has stopped everything; for a command that runs until then. */
    void awaitInterrupt() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is on its way out already; the hook finds everything stopped.
        }
    }

    private void onInterrupt() {
        closing.lock();
        try {
            if (closed) {
                return;
            }
            interrupted = true;
            err.println("statelab: stopping (Ctrl-C): clients and servers first, then Redis");
            err.flush();
            silenceLogs();
            stopAll();
        } finally {
            closing.unlock();
            stopped.countDown();
        }
    }

    private void stopAll() {
        closing.lock();
        try {
            while (!parts.isEmpty()) {
                closeQuietly(parts.pop());
            }
            closed = true;
        } finally {
            closing.unlock();
        }
    }

    private void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            if (!interrupted) {
                err.println("statelab: could not stop " + part + ": " + e.getMessage());
            }
        }
    }

    private static void silenceLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLoggerList().forEach(logger -> logger.setLevel(Level.OFF));
        }
    }
}
