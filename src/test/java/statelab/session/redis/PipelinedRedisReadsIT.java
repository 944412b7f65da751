package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.session.SessionStoreUnavailableException;

/** The batched read path against the lab's real Redis: many requests at once, a Redis that stalls or is gone. */
class PipelinedRedisReadsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a read waits at most twice {@link #TIMEOUT}; later than this it is stuck, and the test says so. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(30);
    private static TestLab testLab;
    private static ClientResources resources;
    private static RedisLink writer;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void start_lab() throws Exception {
        testLab = TestLab.start();
        resources = DefaultClientResources.create();
        writer = new RedisLink(resources, testLab.lab().redis().url());
    }

    @AfterAll
    static void stop_lab() {
        writer.close();
        resources.shutdown();
        testLab.close();
    }

    @AfterEach
    void close_reads() throws Exception {
        requests.shutdownNow();
        for (AutoCloseable reads : opened) {
            reads.close();
        }
    }

    private PipelinedRedisReads reads(String url, int maxWaiting) {
        PipelinedRedisReads reads = PipelinedRedisReads.forUrl(url, TIMEOUT, maxWaiting).orElseThrow();
        opened.add(reads);
        return reads;
    }

    private CompletableFuture<String> readAsync(PipelinedRedisReads reads, String key) {
        return CompletableFuture.supplyAsync(() -> reads.getex(key, 60), requests);
    }

    @Test
    void concurrent_reads_each_get_their_own_value_and_one_command_each() {
        PipelinedRedisReads reads = reads(testLab.lab().redis().url(), PipelinedRedisReads.MAX_WAITING);
        for (int i = 0; i < 300; i++) {
            String key = "statelab:test:pipelined:" + i;
            String value = "value-" + i;
            writer.call(c -> c.set(key, value));
        }
        long getexBefore = testLab.lab().redisAccess().admin().commandCalls().getOrDefault("getex", 0L);

        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(readAsync(reads, "statelab:test:pipelined:" + i));
        }

        for (int i = 0; i < 300; i++) {
            assertThat(answers.get(i)).succeedsWithin(ANSWERED_WITHIN).isEqualTo("value-" + i);
        }
        assertThat(testLab.lab().redisAccess().admin().commandCalls().get("getex") - getexBefore).isEqualTo(300);
        Long ttl = writer.call(c -> c.ttl("statelab:test:pipelined:7"));
        assertThat(ttl).as("GETEX set the expiry").isBetween(1L, 60L);
    }

    @Test
    void an_absent_key_reads_as_null() {
        assertThat(reads(testLab.lab().redis().url(), 8).getex("statelab:test:pipelined:absent", 60)).isNull();
    }

    @Test
    void a_key_of_the_wrong_type_fails_its_own_read_and_no_other() {
        PipelinedRedisReads reads = reads(testLab.lab().redis().url(), PipelinedRedisReads.MAX_WAITING);
        writer.call(c -> c.del("statelab:test:pipelined:a-set"));
        writer.call(c -> c.sadd("statelab:test:pipelined:a-set", "x"));
        writer.call(c -> c.set("statelab:test:pipelined:fine", "fine"));

        List<CompletableFuture<String>> wrong = new ArrayList<>();
        List<CompletableFuture<String>> fine = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wrong.add(readAsync(reads, "statelab:test:pipelined:a-set"));
            fine.add(readAsync(reads, "statelab:test:pipelined:fine"));
        }

        fine.forEach(answer -> assertThat(answer).succeedsWithin(ANSWERED_WITHIN).isEqualTo("fine"));
        wrong.forEach(answer -> assertThat(answer).failsWithin(TIMEOUT).withThrowableThat()
                .havingCause().isInstanceOf(SessionStoreUnavailableException.class));
    }

    @Test
    void reads_past_the_bound_are_refused_while_redis_stalls_and_the_rest_are_answered() {
        PipelinedRedisReads reads = reads(testLab.lab().redis().url(), 4);
        writer.call(c -> c.set("statelab:test:pipelined:stalled", "later"));
        // Redis answers nobody for a while, so the first read's batch is out and the others queue behind it.
        writer.call(c -> c.clientPause(1_500));

        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(readAsync(reads, "statelab:test:pipelined:stalled"));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();

        long refused = answers.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        assertThat(refused).as("refused at once: at most 4 wait and one is out").isGreaterThanOrEqualTo(40 - 5);
        answers.stream().filter(answer -> !answer.isCompletedExceptionally())
                .forEach(answer -> assertThat(answer.join()).isEqualTo("later"));
        assertThat(answers.stream().filter(answer -> !answer.isCompletedExceptionally())).isNotEmpty();
    }

    @Test
    void a_redis_that_is_not_there_fails_every_waiting_read_as_store_down() {
        PipelinedRedisReads reads = reads("redis://127.0.0.1:1", PipelinedRedisReads.MAX_WAITING);

        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(readAsync(reads, "statelab:test:pipelined:" + i));
        }

        answers.forEach(answer -> assertThat(answer).failsWithin(TIMEOUT.multipliedBy(3)).withThrowableThat()
                .havingCause().isInstanceOf(SessionStoreUnavailableException.class));
    }

    @Test
    void a_closed_path_refuses_reads_as_store_down() {
        PipelinedRedisReads reads = reads(testLab.lab().redis().url(), 8);
        reads.getex("statelab:test:pipelined:absent", 60);

        reads.close();

        assertThatThrownBy(() -> reads.getex("statelab:test:pipelined:absent", 60))
                .isInstanceOf(SessionStoreUnavailableException.class);
    }
}
