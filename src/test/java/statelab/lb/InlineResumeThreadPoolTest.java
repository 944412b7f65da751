package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InlineResumeThreadPoolTest {
    private final QueuedThreadPool lab = new QueuedThreadPool(8, 2);
    private InlineResumeThreadPool pool;

    @BeforeEach
    void start_the_shared_pool() throws Exception {
        lab.setName("shared");
        lab.start();
        pool = new InlineResumeThreadPool(lab);
    }

    @AfterEach
    void stop_the_shared_pool() throws Exception {
        lab.stop();
    }

    @Test
    void a_connection_resumed_through_it_runs_on_the_thread_that_resumed_it() {
        ResumingConnection connection = new ResumingConnection();

        pool.execute(connection);

        assertThat(connection.ranOn).isSameAs(Thread.currentThread());
    }

    @Test
    void any_other_task_runs_on_the_shared_pool() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();

        pool.execute(() -> ranOn.complete(Thread.currentThread()));

        assertThat(ranOn.get(5, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread())
                .extracting(Thread::getName).asString().startsWith("shared");
    }

    @Test
    void it_reports_the_shared_pool_s_threads() {
        assertThat(pool.getThreads()).isEqualTo(lab.getThreads());
        assertThat(pool.isLowOnThreads()).isEqualTo(lab.isLowOnThreads());
    }

    /** A connection that, like Jetty's HTTP/1 server connection, resumes reading by being executed. */
    private static final class ResumingConnection extends AbstractConnection implements Runnable {
        private Thread ranOn;

        ResumingConnection() {
            super(new ByteArrayEndPoint(), Runnable::run);
        }

        @Override
        public void run() {
            ranOn = Thread.currentThread();
        }

        @Override
        public void onFillable() {
        }
    }
}
