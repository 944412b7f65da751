package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalLoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LocalLoginThrottle throttle =
            new LocalLoginThrottle(new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), clock));

    @Test
    void twenty_attempts_released_at_once_reserve_only_the_limit() throws Exception {
        int attempts = 20;
        CyclicBarrier start = new CyclicBarrier(attempts);
        List<Callable<Optional<Duration>>> guesses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            guesses.add(() -> {
                // Bounded: an attempt that never reached the barrier fails the others instead of holding them.
                start.await(30, TimeUnit.SECONDS);
                return throttle.reserve("alice");
            });
        }
        long reserved;
        try (ExecutorService threads = Executors.newFixedThreadPool(attempts)) {
            List<Future<Optional<Duration>>> answers = threads.invokeAll(guesses);
            reserved = answers.stream().filter(f -> f.resultNow().isEmpty()).count();
        }

        assertThat(reserved).isEqualTo(LoginThrottle.LIMIT);
    }

    @Test
    void a_refused_attempt_says_how_long_to_wait_and_the_window_ends_it() {
        for (int i = 0; i < LoginThrottle.LIMIT; i++) {
            assertThat(throttle.reserve("alice")).isEmpty();
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(throttle.reserve("alice")).contains(LoginThrottle.WINDOW.minusMinutes(1));
        clock.advance(LoginThrottle.WINDOW);
        assertThat(throttle.reserve("alice")).isEmpty();
    }

    @Test
    void a_success_gives_back_only_its_own_attempt() {
        for (int i = 0; i < LoginThrottle.LIMIT; i++) {
            throttle.reserve("alice");
        }
        throttle.release("alice");

        assertThat(throttle.reserve("alice")).isEmpty();
        assertThat(throttle.reserve("alice")).isPresent();
        assertThat(throttle.reserve("bob")).isEmpty();
    }
}
