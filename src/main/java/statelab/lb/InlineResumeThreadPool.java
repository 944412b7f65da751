package statelab.lb;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.TryExecutor;

/**
 * The balancer's server-side view of the lab's thread pool: everything runs on the pool, except a
 * connection that asks to be resumed, which runs on the thread that asked.
 *
 * <p>Why: the proxy answers each request after its handler has returned (the node's answer arrives
 * later, on the HTTP client's selector). Jetty's HTTP/1 server connection then resumes reading the
 * next request by handing itself to the executor: on a proxy that is one wake-up of an idle pool
 * thread per request, which finds no bytes yet and only re-arms read interest. Measured on two cores
 * that hand-off was about a third of the balancer's CPU per request (docs/BENCHMARKS.md). Running it
 * on the calling thread is safe because the balancer's handler never blocks
 * ({@link ForwardingHandler} is non-blocking), so whatever the resumed connection parses
 * and handles next does not block that thread either.
 *
 * <p>Not started or stopped here: the pool's owner does that.
 */
final class InlineResumeThreadPool implements ThreadPool, TryExecutor {
    private final ThreadPool pool;
    private final TryExecutor tryPool;

    InlineResumeThreadPool(ThreadPool pool) {
        this.pool = pool;
        this.tryPool = TryExecutor.asTryExecutor(pool);
    }

    @Override
    public void execute(Runnable task) {
        if (task instanceof Connection) {
            task.run();
        } else {
            pool.execute(task);
        }
    }

    @Override
    public boolean tryExecute(Runnable task) {
        return tryPool.tryExecute(task);
    }

    @Override
    public void join() throws InterruptedException {
        pool.join();
    }

    @Override
    public int getThreads() {
        return pool.getThreads();
    }

    @Override
    public int getIdleThreads() {
        return pool.getIdleThreads();
    }

    @Override
    public boolean isLowOnThreads() {
        return pool.isLowOnThreads();
    }
}
