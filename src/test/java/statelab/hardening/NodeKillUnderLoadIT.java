package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.lb.BackendStatus;
import statelab.lb.Balancer;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;
import statelab.session.SessionPolicy;
import statelab.session.redis.RedisLink;
import statelab.session.redis.RedisSessionStrategy;

/**
 * S1 crashes while twenty virtual users (ten per cluster, each with its own session and cookie jar) read pages
 * and change settings through the redis and jwt balancers. No session is lost; the only requests that
 * fail are ones in flight at the crash; and no POST is run twice: Redis's own command log shows every
 * settings change applied at most once, and exactly once when the client was told it succeeded.
 */
class NodeKillUnderLoadIT {
    private static final List<Strategy> CLUSTERS = List.of(Strategy.REDIS, Strategy.JWT);
    private static final int USERS_PER_CLUSTER = 10;
    /** Bounds every user's loop, whatever happens to the thresholds below. */
    private static final int MAX_REQUESTS_PER_USER = 500;
    private static final int BEFORE_KILL = 200;
    private static final int AFTER_KILL = 400;

    /** One request as a user sent it: a settings value is unique to its POST. */
    private record Sent(Strategy strategy, int user, String method, String value, long start, long end, RequestResult result) {
        boolean inFlightDuring(long from, long to) {
            return start < to && end > from;
        }
    }

    @RegisterExtension
    final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(CLUSTERS));

    @BeforeEach
    void wait_until_every_balancer_sees_its_nodes_healthy() {
        testLab.awaitBalancersHealthy();
    }

    @Test
    void a_node_killed_under_load_loses_no_session_and_runs_no_post_twice() throws Exception {
        List<LabClient> users = new ArrayList<>(redisUsers(USERS_PER_CLUSTER));
        String token = testLab.signedInAlice(Strategy.JWT).jar().get("token");
        for (int u = 0; u < USERS_PER_CLUSTER; u++) {
            LabClient user = testLab.client(Strategy.JWT);
            user.jar().put("token", token);
            users.add(user);
        }
        for (LabClient user : users) {
            // Also loads the settings script into Redis, so each change below is exactly one EVALSHA.
            assertThat(user.send("POST", "/settings", "{\"warm\":\"up\"}").succeeded()).isTrue();
        }
        Map<Strategy, Counts> before = counts();
        Map<String, Long> seenDown = new java.util.concurrent.ConcurrentHashMap<>();
        testLab.lab().addListener(event -> {
            if (event.type().equals("node-down") && event.message().contains("S1")) {
                seenDown.putIfAbsent(event.strategy(), System.nanoTime());
            }
        });
        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        long killStart;
        long killEnd;
        try (RedisMonitor redisLog = new RedisMonitor(testLab.lab().redis().url());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.size(); i++) {
                Strategy strategy = CLUSTERS.get(i / USERS_PER_CLUSTER);
                int id = i;
                LabClient user = users.get(i);
                threads.submit(() -> browse(strategy, id, user, sent, done, stop));
            }
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= BEFORE_KILL);
                killStart = System.nanoTime();
                testLab.lab().kill("S1");
                killEnd = System.nanoTime();
                int atKill = done.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= atKill + AFTER_KILL);
            } finally {
                // Closing the executor waits for every user: on a failed wait they would otherwise go on to their
                // last request (twenty users, 500 requests of up to 30 s each) before the failure is reported.
                stop.set(true);
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            redisLog.catchUp();
            assertEveryRedisSettingAppliedAtMostOnce(sent, redisLog);
        }

        for (Strategy strategy : CLUSTERS) {
            List<Sent> mine = sent.stream().filter(s -> s.strategy() == strategy).toList();
            List<Sent> failed = mine.stream().filter(s -> !s.result().succeeded()).toList();
            System.out.printf("NodeKillUnderLoadIT %s: %d requests, %d lost at the kill (%d POST, %d GET), %d balancer retries%n",
                    strategy, mine.size(), failed.size(), failed.stream().filter(s -> s.method().equals("POST")).count(),
                    failed.stream().filter(s -> s.method().equals("GET")).count(), retries(strategy));
            long blindUntil = Math.max(killEnd, seenDown.getOrDefault(strategy.key(), killEnd));
            assertThat(failed).as("only requests in flight at the crash (sent before the balancer saw S1 down) may fail")
                    .allMatch(s -> s.inFlightDuring(killStart, blindUntil))
                    .allMatch(s -> s.result().failedWith(FailureKind.NODE_DOWN));
            assertBalancerAccounting(strategy, mine.size(), before.get(strategy));
        }
        for (int i = 0; i < users.size(); i++) {
            assertSessionKept(CLUSTERS.get(i / USERS_PER_CLUSTER), i, users.get(i), sent);
        }
    }

    @Test
    void a_post_refused_by_a_node_that_just_died_takes_no_healthy_node_out() throws Exception {
        List<LabClient> users = redisUsers(2);
        LabClient alice = users.get(0);
        LabClient bob = users.get(1);
        Balancer balancer = testLab.lab().cluster(Strategy.REDIS).balancer();
        await().atMost(Duration.ofSeconds(5)).until(() -> "S3".equals(alice.send("GET", "/profile", null).node()));

        testLab.lab().kill("S1");
        // Round-robin sends this to S1, which the balancer still believes healthy: the connection is refused.
        RequestResult post = alice.send("POST", "/settings", "{\"theme\":\"dark\"}");

        System.out.println("NodeKillUnderLoadIT: a POST refused by the dead S1 was answered " + post.summary());
        List<BackendStatus> backends = balancer.backends();
        assertThat(backends.subList(1, 3)).as("S2 and S3 stay in the rotation").allMatch(BackendStatus::healthy);
        assertThat(balancer.stats().nodeDownAnswers()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(bob.send("GET", "/profile", null).succeeded()).as("bob, request %d", i).isTrue();
        }
    }

    /**
     * Redis users, each with a session of their own made by the lab's own strategy class in the lab's
     * Redis, exactly as a login makes it, without paying ten PBKDF2 hashes (210,000 rounds each). The
     * jwt users share one genuine token to start with: a token is the whole session, and the first
     * settings change gives each user a token of their own.
     */
    private List<LabClient> redisUsers(int count) {
        ClientResources resources = DefaultClientResources.create();
        List<LabClient> users = new ArrayList<>();
        try (RedisSessionStrategy store = new RedisSessionStrategy(new RedisLink(resources, testLab.lab().redis().url()),
                SessionPolicy.standard())) {
            for (int u = 0; u < count; u++) {
                LabClient user = testLab.client(Strategy.REDIS);
                user.jar().put("sid", store.create("alice"));
                users.add(user);
            }
        } finally {
            resources.shutdown();
        }
        return users;
    }

    private static void browse(Strategy strategy, int id, LabClient user, Queue<Sent> sent, AtomicInteger done, AtomicBoolean stop) {
        for (int n = 0; n < MAX_REQUESTS_PER_USER && !stop.get(); n++) {
            boolean post = n % 5 == 4;
            String value = post ? strategy.key() + "-u" + id + "-" + n : null;
            long start = System.nanoTime();
            RequestResult result = post ? user.send("POST", "/settings", "{\"n\":\"" + value + "\"}")
                    : user.send("GET", "/profile", null);
            sent.add(new Sent(strategy, id, post ? "POST" : "GET", value, start, System.nanoTime(), result));
            done.incrementAndGet();
        }
    }

    /** Each settings change is one EVALSHA in Redis: at most one per POST, exactly one per POST answered 200. */
    private static void assertEveryRedisSettingAppliedAtMostOnce(Queue<Sent> sent, RedisMonitor redisLog) {
        List<Sent> posts = sent.stream().filter(s -> s.strategy() == Strategy.REDIS && s.value() != null).toList();
        assertThat(posts).isNotEmpty();
        for (Sent post : posts) {
            long applied = redisLog.scriptsWithArgument(post.value());
            assertThat(applied).as("times Redis applied %s", post.value()).isLessThanOrEqualTo(1);
            if (post.result().succeeded()) {
                assertThat(applied).as("times Redis applied %s, answered 200", post.value()).isEqualTo(1);
            }
        }
    }

    /** Every request the users sent reached the balancer once; it forwarded each once, plus its retries. */
    private void assertBalancerAccounting(Strategy strategy, int requests, Counts before) {
        Counts after = counts().get(strategy);
        long forwarded = 0;
        for (int b = 0; b < after.perBackend().length; b++) {
            forwarded += after.perBackend()[b] - before.perBackend()[b];
        }
        assertThat(after.nodeDown()).as("%s: node-down answers", strategy).isEqualTo(before.nodeDown());
        assertThat(forwarded).as("%s: forwarded = requests + retries", strategy)
                .isEqualTo(requests + after.retries() - before.retries());
    }

    private static void assertSessionKept(Strategy strategy, int id, LabClient user, Queue<Sent> sent) {
        List<Sent> posts = sent.stream().filter(s -> s.strategy() == strategy && s.user() == id && s.value() != null).toList();
        RequestResult profile = user.send("GET", "/profile", null);
        assertThat(profile.succeeded()).as("user %d on %s after the crash: %s", id, strategy, profile.summary()).isTrue();
        Object value = ((Map<?, ?>) profile.wire().body().get("settings")).get("n");
        int lastOk = -1;
        for (int i = 0; i < posts.size(); i++) {
            if (posts.get(i).result().succeeded()) {
                lastOk = i;
            }
        }
        List<String> possible = posts.subList(Math.max(lastOk, 0), posts.size()).stream().map(Sent::value).toList();
        assertThat(possible).as("user %d on %s: the setting is the last one confirmed, or a later one", id, strategy)
                .contains(String.valueOf(value));
    }

    /** What one balancer counted: requests forwarded to each backend, retries, node-down answers. */
    private record Counts(long[] perBackend, long retries, long nodeDown) {
    }

    private Map<Strategy, Counts> counts() {
        Map<Strategy, Counts> counts = new java.util.LinkedHashMap<>();
        for (Strategy strategy : CLUSTERS) {
            Balancer balancer = testLab.lab().cluster(strategy).balancer();
            long[] perBackend = balancer.backends().stream().mapToLong(BackendStatus::forwarded).toArray();
            counts.put(strategy, new Counts(perBackend, balancer.stats().retries(), balancer.stats().nodeDownAnswers()));
        }
        return counts;
    }

    private long retries(Strategy strategy) {
        return testLab.lab().cluster(strategy).balancer().stats().retries();
    }
}
