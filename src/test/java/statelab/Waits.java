package statelab;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits with a deadline for what a test started (a task, a child process). Past the deadline the test
 * fails saying what it waited for, instead of holding the whole build until CI's limit ends it with
 * no word on which test hung.
 */
public final class Waits {
    private Waits() {
    }

    /** The task's result, as {@link Future#get()}; a task still running after {@code within} is cancelled and the test fails. */
    public static <T> T get(Future<T> task, Duration within, String what) throws InterruptedException, ExecutionException {
        try {
            return task.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AssertionError(what + " did not finish within " + within, e);
        }
    }

    /** The process's exit code; a process still running after {@code within} is killed and the test fails. */
    public static int exitCode(Process process, Duration within, String what) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(what + " (pid " + process.pid() + ") did not end within " + within);
        }
        return process.exitValue();
    }
}
