package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {
    /** Generous: nothing here takes more than a moment, so reaching it means a check that will never end. */
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void a_full_queue_refuses_at_once_and_another_node_still_checks() throws Exception {
        CountDownLatch slowHash = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Boolean>> waiting = new ArrayList<>();
        try (PasswordChecks flooded = new PasswordChecks((user, password) -> {
                 started.incrementAndGet();
                 awaitQuietly(slowHash);
                 return false;
             }, "S1");
             PasswordChecks other = new PasswordChecks((user, password) -> user.equals("bob"), "S1-other");
             // Declared last, so closed first: its close waits for every caller, and closing the checks drops
             // the queued ones unrun, leaving their callers waiting forever. Closed first, it sees them all answered.
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i <= PasswordChecks.WAITING; i++) {
                    waiting.add(CompletableFuture.supplyAsync(() -> check(flooded, "flood"), callers));
                    if (i == 0) {
                        await().until(() -> started.get() == 1);
                    }
                }
                await().until(() -> queued(flooded) == PasswordChecks.WAITING);

                assertThatThrownBy(() -> flooded.authenticate("one-more", new char[0])).isInstanceOf(PasswordChecks.Busy.class);
                assertThat(other.authenticate("bob", new char[0])).isTrue();
            } finally {
                // Closing the callers waits for their checks, all queued behind the held one: whatever failed above, let it go.
                slowHash.countDown();
            }
            assertThat(waiting).allSatisfy(answer -> assertThat(answer).succeedsWithin(WITHIN).isEqualTo(false));
        }
    }

    @Test
    void a_check_still_queued_when_the_node_closes_answers_false_instead_of_waiting_for_ever() throws Exception {
        CountDownLatch slowHash = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        PasswordChecks closing = new PasswordChecks((user, password) -> {
            started.incrementAndGet();
            awaitQuietly(slowHash);
            return true;
        }, "S1");
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> check(closing, "alice"), callers);
            await().until(() -> started.get() == 1);
            CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> check(closing, "bob"), callers);
            await().until(() -> queued(closing) == 1);

            closing.close();

            assertThat(queued).succeedsWithin(WITHIN).isEqualTo(false);
            assertThat(started).hasValue(1);
            slowHash.countDown();
            assertThat(running).succeedsWithin(WITHIN);
        }
    }

    private static int queued(PasswordChecks checks) {
        return checks.queued();
    }

    private static boolean check(PasswordChecks checks, String user) {
        try {
            return checks.authenticate(user, new char[0]);
        } catch (PasswordChecks.Busy e) {
            throw new AssertionError("refused although the queue had room", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the held hash was not let go within " + WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
