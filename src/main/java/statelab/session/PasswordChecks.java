package statelab.session;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One node's password checks: one platform thread and a short queue of its own. Checks run off the
 * caller's thread because the lab's servers run on virtual threads sharing one carrier per core, and a
 * deliberately slow hash on a carrier would stall every other server's requests. The queue is per
 * node and bounded, so a flood of sign-ins on one node waits behind itself, never in front of another
 * node's (or another cluster's) sign-ins; past the bound a check is refused at once with {@link Busy}
 * rather than queued, and the node says so (503 with {@code Retry-After}). Closed with its node.
 */
public final class PasswordChecks implements AutoCloseable {
    /** Checks that may wait behind the one running. */
    public static final int WAITING = 4;

    /** The queue is full: the check was not run. */
    public static final class Busy extends Exception {
        Busy() {
            super("this node's password checks are all taken", null, false, false);
        }
    }

    /** The check itself: whether the password is this user's. */
    @FunctionalInterface
    public interface Check {
        boolean authentic(String user, char[] password);
    }

    private final Check check;
    private final ThreadPoolExecutor executor;

    public PasswordChecks(UserDirectory users, String nodeId) {
        this(users::authenticate, nodeId);
    }

    public PasswordChecks(Check check, String nodeId) {
        this.check = check;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING),
                Thread.ofPlatform().daemon().name("password-check-" + nodeId).factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Whether this user exists and the password is theirs ({@link UserDirectory#authenticate}); false
     * when interrupted or when the node is closing (a check still queued when it closes answers false then).
     *
     * @throws Busy when {@value #WAITING} checks are already waiting on this node
     */
    public boolean authenticate(String user, char[] password) throws Busy {
        Future<Boolean> answer;
        try {
            answer = executor.submit(() -> check.authentic(user, password));
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                return false;
            }
            throw new Busy();
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (CancellationException e) {
            return false; // still queued when the node closed (see close)
        } catch (ExecutionException e) {
            throw new IllegalStateException("the password check failed", e.getCause());
        }
    }

    /** Checks waiting behind the running one (for tests and figures). */
    int queued() {
        return executor.getQueue().size();
    }

    /**
     * Stops the checks: the running one is interrupted, and the queued ones, which will never run, are
     * cancelled, so their callers answer false at once rather than wait for ever on a node that is gone.
     */
    @Override
    public void close() {
        for (Runnable neverRun : executor.shutdownNow()) {
            if (neverRun instanceof Future<?> queued) {
                queued.cancel(false);
            }
        }
    }
}
