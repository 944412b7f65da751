package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.json.Json;

/**
 * The Redis-vs-JWT figures of {@code /api/compare}, measured on the running lab: for each of the two
 * clusters a fresh client signs in as the lab's own user ({@link statelab.lab.InternalUser}, so no lockout of alice or bob stops it), warms up ({@value #WARM_UP} requests, not counted), then
 * sends {@value #REQUESTS} {@code GET /profile} in {@value #RUNS} runs straight to the cluster's first
 * healthy node; each figure carries the median of every run, so the page can show how much runs differ. From each answer: the node's own session cost
 * ({@code Server-Timing}), the round trip, the credential's size and the Redis commands the node ran.
 * Straight to a node, not through the balancer, so the measurement never moves the balancer's
 * round-robin under Alice or under someone trying the balancer with curl (the session lives in Redis
 * or in the token, so any node measures the same thing). Runs in turn with every other action.
 */
final class CompareMeasurement {
    static final int REQUESTS = 200;
    static final int WARM_UP = 20;
    /** The requests come in this many equal runs; the spread of the runs' medians says how steady a figure is. */
    static final int RUNS = 5;
    /** Fresh tokens presented for the jwt cluster's first-sight figure (a full signature check each). */
    static final int FIRST_SIGHTS = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);

    /**
     * One cluster's figures. {@code firstSightMicros} (jwt only, else null) is the session cost for a
     * token no node has seen: nodes remember tokens whose signature they checked, so the repeated reads
     * of {@code sessionMicros} measure that memory, and only a new token shows the full ES256 check.
     */
    record Figures(Spread sessionMicros, Spread requestMicros, int credentialBytes, double storeCommandsPerRequest,
                   Spread firstSightMicros, List<Double> sessionRunMedians, List<Double> requestRunMedians) {
    }

    private final Lab lab;
    private final LabActions actions;
    private final EventStream events;
    private final RedisKeyCount keys;
    private final int requests;
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile JsonNode latest = NullNode.getInstance();

    CompareMeasurement(Lab lab, LabActions actions, EventStream events, RedisKeyCount keys, int requests) {
        this.lab = lab;
        this.actions = actions;
        this.events = events;
        this.keys = keys;
        this.requests = requests;
    }

    /**
     * The last figures, or JSON null when there are none; while the measurement at start is still
     * running, waits for it (up to {@link #FIRST_WAIT}), so a page opened right away gets figures.
     */
    JsonNode latest() throws InterruptedException {
        first.await(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return latest;
    }

    /** The measurement at start; whatever its outcome, readers stop waiting for it. */
    void runFirst() throws ProblemException {
        try {
            run();
        } finally {
            first.countDown();
        }
    }

    /** Measures now and answers the new document. */
    JsonNode run() throws ProblemException {
        return actions.serialised("measure Redis against JWT", () -> {
            ObjectNode doc = Json.object();
            doc.put("measuredAt", Instant.now().toString());
            doc.put("requests", requests);
            doc.put("warmUp", WARM_UP);
            doc.put("runs", RUNS);
            for (Strategy strategy : List.of(Strategy.REDIS, Strategy.JWT)) {
                Cluster cluster = lab.clusters().stream().filter(c -> c.strategy() == strategy).findFirst().orElse(null);
                doc.set(strategy.key(), cluster == null ? null : json(measure(cluster)));
            }
            latest = doc;
            events.publish("compare", doc.toString());
            return doc;
        });
    }

    private Figures measure(Cluster cluster) throws ProblemException, InterruptedException {
        HealthyView.await(cluster);
        NodeView node = cluster.nodes().stream().filter(NodeView::healthy).findFirst()
                .orElseThrow(() -> failed(cluster, "no node is up"));
        try (LabClient probe = LabClient.direct(node.url(), cluster.strategy())) {
            RequestResult login = probe.send("POST", "/login", lab.internalUser().loginBody());
            if (!login.succeeded()) {
                throw failed(cluster, "the lab's own user could not sign in (" + login.summary() + ")");
            }
            for (int i = 0; i < WARM_UP; i++) {
                probe.send("GET", "/profile", null);
            }
            List<Double> session = new ArrayList<>();
            List<Double> request = new ArrayList<>();
            List<Double> sessionRuns = new ArrayList<>();
            List<Double> requestRuns = new ArrayList<>();
            int commands = 0;
            int bytes = 0;
            RequestResult failure = null;
            for (int run = 0; run < RUNS; run++) {
                List<Double> runSession = new ArrayList<>();
                List<Double> runRequest = new ArrayList<>();
                for (int i = run * requests / RUNS; i < (run + 1) * requests / RUNS; i++) {
                    RequestResult result = probe.send("GET", "/profile", null);
                    if (!result.succeeded()) {
                        failure = result;
                        continue;
                    }
                    if (result.wire().sessionMicros() != null) {
                        runSession.add(result.wire().sessionMicros());
                    }
                    runRequest.add((double) result.elapsedMicros());
                    commands += result.wire().storeCommands().size();
                    bytes = result.wire().credentialBytes();
                }
                session.addAll(runSession);
                request.addAll(runRequest);
                median(runSession, sessionRuns);
                median(runRequest, requestRuns);
            }
            Spread firstSight = cluster.strategy() == Strategy.JWT ? firstSights(probe) : null;
            // The measurement's own session is not the learner's: it leaves no key behind to be counted.
            // (Read before the logout, whose answer clears the cookie.)
            String sid = probe.jar().get(lab.credentialCookie(cluster.strategy()));
            probe.send("POST", "/logout", null);
            if (cluster.strategy() == Strategy.REDIS && sid != null) {
                keys.forget(sid, lab.internalUser().name());
            }
            // A stray failure (a node flapping under load) costs one sample; more would make the figures meaningless.
            if (request.size() < requests * 9 / 10) {
                throw failed(cluster, (requests - request.size()) + " of " + requests + " requests failed, the last as "
                        + failure.summary());
            }
            double perRequest = Math.round(100.0 * commands / request.size()) / 100.0;
            return new Figures(Spread.of(session), Spread.of(request), bytes, perRequest, firstSight, sessionRuns, requestRuns);
        }
    }

    private static void median(List<Double> values, List<Double> medians) {
        Spread spread = Spread.of(values);
        if (spread != null) {
            medians.add(spread.p50());
        }
    }

    /** Each settings change re-signs the token, so the next read presents a token no node has checked yet. */
    private static Spread firstSights(LabClient probe) {
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < FIRST_SIGHTS; i++) {
            probe.send("POST", "/settings", "{\"theme\":\"t" + i + "\"}");
            RequestResult read = probe.send("GET", "/profile", null);
            if (read.succeeded() && read.wire().sessionMicros() != null) {
                costs.add(read.wire().sessionMicros());
            }
        }
        return Spread.of(costs);
    }

    private static ProblemException failed(Cluster cluster, String why) {
        return new ProblemException(ProblemKind.MEASUREMENT_FAILED, "could not measure the " + cluster.strategy().key()
                + " cluster: " + why);
    }

    static ObjectNode json(Figures figures) {
        ObjectNode node = Json.object();
        node.set("sessionMicros", spread(figures.sessionMicros(), figures.sessionRunMedians()));
        node.set("requestMicros", spread(figures.requestMicros(), figures.requestRunMedians()));
        node.put("credentialBytes", figures.credentialBytes());
        node.put("storeCommandsPerRequest", figures.storeCommandsPerRequest());
        if (figures.firstSightMicros() != null) {
            node.set("firstSightMicros", spread(figures.firstSightMicros(), List.of()));
        }
        return node;
    }

    /** {@code {"p50", "p95", "runMedians": [...]}}; runMedians is left out when empty. */
    private static JsonNode spread(Spread spread, List<Double> runMedians) {
        if (spread == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.object().put("p50", spread.p50()).put("p95", spread.p95());
        if (!runMedians.isEmpty()) {
            runMedians.forEach(node.putArray("runMedians")::add);
        }
        return node;
    }
}
