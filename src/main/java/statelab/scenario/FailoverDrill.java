package statelab.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.Strategy;
import statelab.session.FailureKind;

/**
 * Kills the Redis primary under load and measures what users saw. Signs in {@code users} users on
 * the redis cluster (each sign-in confirmed by a replica), has each read its profile in a loop, kills
 * the primary, waits until requests have succeeded again for a quiet period, then asks for every
 * profile once more. Needs a lab with a replicated Redis ({@code --redis-ha}) and a redis cluster.
 *
 * <p>{@code failoverMillis} is the time from the kill to the end of the last request that failed
 * (0 when none did): after it every request succeeded. {@code sessionsLost} counts the sessions made
 * before the kill that were not served as their user afterwards.
 */
public final class FailoverDrill {
    private static final Duration PACE = Duration.ofMillis(10);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** What the drill measured. */
    public record Figures(long failoverMillis, int failedRequests, int requests, int sessions, int sessionsLost,
                          String killedPrimary, String newPrimary) {
    }

    private final Lab lab;
    private final int users;

    public FailoverDrill(Lab lab, int users) {
        if (!lab.redis().replicated()) {
            throw new IllegalArgumentException("the failover drill needs a Redis that can fail over: start the lab with --redis-ha");
        }
        if (users < 1 || users > 64) {
            throw new IllegalArgumentException("the failover drill signs in between 1 and 64 users, not " + users);
        }
        this.lab = lab;
        this.users = users;
    }

    public Figures run() throws InterruptedException {
        Cluster cluster = lab.cluster(Strategy.REDIS);
        List<LabClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users; i++) {
                LabClient client = LabClient.forCluster(lab, cluster);
                clients.add(client);
                String user = i % 2 == 0 ? "alice" : "bob";
                RequestResult login = client.send("POST", "/login", RequestCycle.loginBody(user, user.equals("alice") ? "wonderland" : "builder"));
                if (!login.succeeded()) {
                    throw new IllegalStateException("a user could not sign in before the kill: " + login.summary());
                }
            }
            return underLoad(clients);
        } finally {
            clients.forEach(LabClient::close);
        }
    }

    private Figures underLoad(List<LabClient> clients) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastFailure = new AtomicLong();
        AtomicLong lastSuccess = new AtomicLong();
        ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
        for (LabClient client : clients) {
            load.submit(() -> {
                while (!stop.get()) {
                    RequestResult result = client.send("GET", "/profile", null);
                    requests.incrementAndGet();
                    long now = System.nanoTime();
                    if (result.succeeded()) {
                        lastSuccess.accumulateAndGet(now, Math::max);
                    } else {
                        failed.incrementAndGet();
                        lastFailure.accumulateAndGet(now, Math::max);
                    }
                    LockSupport.parkNanos(PACE.toNanos());
                }
            });
        }
        String killed;
        long killedAt;
        try {
            awaitUntil(() -> requests.get() >= clients.size() * 5, GIVE_UP);
            killedAt = System.nanoTime();
            killed = lab.killRedisPrimary();
            // Served again, and nothing failed for a quiet second: the failover is over.
            awaitUntil(() -> {
                long now = System.nanoTime();
                return now - killedAt > QUIET.toNanos() && lastSuccess.get() > lastFailure.get()
                        && now - Math.max(lastFailure.get(), killedAt) > QUIET.toNanos();
            }, GIVE_UP);
        } finally {
            stop.set(true);
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
        }
        long outage = lastFailure.get() > killedAt ? lastFailure.get() - killedAt : 0;
        int lost = 0;
        for (LabClient client : clients) {
            if (!servedAfterwards(client)) {
                lost++;
            }
        }
        return new Figures(TimeUnit.NANOSECONDS.toMillis(outage), failed.get(), requests.get(), clients.size(), lost,
                killed, lab.redis().primaryAddress().orElse("unknown"));
    }

    /**
     * Whether the session is still served. A store that does not answer (store-down) is asked again for
     * a few seconds, since that says nothing about the session; any other failure, above all
     * not-recognised, means the session is gone.
     */
    private static boolean servedAfterwards(LabClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            RequestResult result = client.send("GET", "/profile", null);
            if (result.succeeded()) {
                return true;
            }
            if (!result.failedWith(FailureKind.STORE_DOWN) || System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the failover drill gave up after " + limit.toSeconds() + " s: requests did not succeed again");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
