package statelab.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.NodeView;
import statelab.session.FailureKind;

/**
 * Several users, each a browser of its own in every cluster, signed in and browsing (profile,
 * settings, dashboard, over and over, a short pause between requests) while the scenario does
 * things to the lab: the rolling-restart and scale-out labs. It counts, per cluster, the requests
 * that failed, the users whose last request was no longer recognised (signed out), the requests
 * served by nodes that were not there at the start, and the users served by more than one node.
 */
final class Crowd implements AutoCloseable {
    /** A browser's pause between requests: steady traffic that leaves the two cores room for the lab. */
    static final Duration THINK = Duration.ofMillis(100);
    /** How long {@link #stop} waits for the users' last requests before giving up. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** Sign-ins in flight at once: each is a deliberately slow password hash, and the machine may have two cores. */
    static final int SIGN_INS_AT_ONCE = 4;
    static final int SIGN_IN_ATTEMPTS = 3;

    private final Lab lab;
    private final List<Browser> browsers = new ArrayList<>();
    private final Map<String, Set<String>> startingNodes = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> loops = new ArrayList<>();

    /** One user's browser in one cluster and what it saw. */
    private static final class Browser {
        final String cluster;
        final LabClient client;
        final String user;
        final String password;
        final Set<String> servedBy = new HashSet<>();
        volatile int sent;
        volatile int failed;
        volatile int served;
        volatile int servedByNewNode;
        volatile int mark;
        volatile RequestResult last;
        volatile boolean signInFailed;
        final Map<String, Integer> failures = new java.util.TreeMap<>();

        Browser(String cluster, LabClient client, String user, String password) {
            this.cluster = cluster;
            this.client = client;
            this.user = user;
            this.password = password;
        }
    }

    /**
     * Signs {@code count} browsers in on every cluster (the users take turns among {@code passwords}'
     * names) and sets them browsing.
     */
    Crowd(Lab lab, int count, Map<String, String> passwords) throws InterruptedException {
        this.lab = lab;
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("the crowd needs a user: put 'as USER PASSWORD' before 'users N start'");
        }
        List<String> users = new ArrayList<>(new java.util.TreeSet<>(passwords.keySet()));
        for (Cluster cluster : lab.clusters()) {
            String key = cluster.strategy().key();
            startingNodes.put(key, new HashSet<>(cluster.nodes().stream().map(NodeView::id).toList()));
            for (int i = 0; i < count; i++) {
                String user = users.get(i % users.size());
                browsers.add(new Browser(key, LabClient.forCluster(lab, cluster), user, passwords.get(user)));
            }
        }
        List<Future<?>> logins = new ArrayList<>();
        java.util.concurrent.Semaphore hashing = new java.util.concurrent.Semaphore(SIGN_INS_AT_ONCE);
        for (Browser browser : browsers) {
            logins.add(threads.submit(() -> {
                signIn(browser, hashing);
                return null;
            }));
        }
        await(logins);
        for (Browser browser : browsers) {
            loops.add(threads.submit(() -> browse(browser)));
        }
    }

    /**
     * Signs one browser in, as a person would: trying again when the sign-in did not go through. Sign-ins
     * are not counted in the figures, which are about what the lab's changes do to users already signed in.
     */
    private void signIn(Browser browser, java.util.concurrent.Semaphore hashing) throws InterruptedException {
        for (int attempt = 0; attempt < SIGN_IN_ATTEMPTS; attempt++) {
            hashing.acquire();
            try {
                RequestResult result = browser.client.send("POST", "/login", RequestCycle.loginBody(browser.user, browser.password));
                if (result.succeeded()) {
                    return;
                }
            } finally {
                hashing.release();
            }
        }
        browser.signInFailed = true;
    }

    /** A lab action happened: from now on, {@link #stop} counts each user's requests afresh. */
    void labActed() {
        browsers.forEach(b -> b.mark = b.sent);
    }

    /** Waits until every browser sent {@code lastly} requests after the last lab action, then stops them all. */
    void stop(int lastly) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Browser browser : browsers) {
            while (browser.sent - browser.mark <= lastly && System.nanoTime() < deadline) {
                Thread.sleep(THINK);
            }
        }
        running.set(false);
        await(loops);
    }

    /** Adds the crowd's figures, each keyed by cluster. */
    void addTo(Figures figures) {
        for (Browser browser : browsers) {
            figures.add("failedRequests", browser.cluster, browser.failed + (browser.signInFailed ? 1 : 0));
            boolean signedOut = browser.last != null && !browser.last.succeeded()
                    && browser.last.failedWith(FailureKind.NOT_RECOGNISED);
            figures.add("usersSignedOut", browser.cluster, signedOut ? 1 : 0);
            figures.add("servedByNewNode", browser.cluster, browser.servedByNewNode);
            figures.add("requests", browser.cluster, browser.sent);
        }
        figures.set("stickyUsersMoved", browsers.stream()
                .filter(b -> b.cluster.equals("sticky") && b.servedBy.size() > 1).count());
    }

    /** One line for the table. */
    String summary() {
        Map<String, int[]> byCluster = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> kinds = new LinkedHashMap<>();
        for (Browser b : browsers) {
            int[] counts = byCluster.computeIfAbsent(b.cluster, c -> new int[2]);
            counts[0] += b.sent;
            counts[1] += b.failed;
            b.failures.forEach((kind, n) -> kinds.computeIfAbsent(b.cluster, c -> new java.util.TreeMap<>()).merge(kind, n, Integer::sum));
        }
        List<String> parts = new ArrayList<>();
        byCluster.forEach((cluster, c) -> parts.add(cluster + " " + c[1] + " of " + c[0] + " failed"
                + (kinds.containsKey(cluster) ? " " + kinds.get(cluster) : "")));
        return String.join("; ", parts);
    }

    private void browse(Browser browser) {
        RequestCycle cycle = new RequestCycle();
        cycle.next(browser.user, browser.password);
        while (running.get()) {
            RequestCycle.Request request = cycle.next(browser.user, browser.password);
            record(browser, browser.client.send(request.method(), request.path(), request.body()));
            try {
                Thread.sleep(THINK);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(Browser browser, RequestResult result) {
        browser.sent++;
        browser.last = result;
        if (!result.succeeded()) {
            browser.failed++;
            String why = result.status() == 0 && result.wire() != null && result.wire().body() != null
                    ? String.valueOf(result.wire().body().get("error")) : Integer.toString(result.status());
            browser.failures.merge((result.kind() == null ? "failure" : result.kind()) + " " + why, 1, Integer::sum);
            return;
        }
        browser.served++;
        if (result.node() != null) {
            browser.servedBy.add(result.node());
            if (!startingNodes.getOrDefault(browser.cluster, Set.of()).contains(result.node())) {
                browser.servedByNewNode++;
            }
        }
    }

    private static void await(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                future.cancel(true);
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.shutdownNow();
        browsers.forEach(b -> b.client.close());
    }
}
