package statelab.web;

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

/**
 * The Redis-vs-JWT figures of {@code /api/compare}, measured on the running lab: for each of the two
 * clusters a fresh client signs in as bob, warms up, then sends {@value #REQUESTS} {@code GET /profile}
 * straight to the cluster's first healthy node. From each answer: the node's own session cost
 * ({@code Server-Timing}), the round trip, the credential's size and the Redis commands the node ran.
 * Straight to a node, not through the balancer, so the measurement never moves the balancer's
 * round-robin under Alice or under someone trying the balancer with curl (the session lives in Redis
 * or in the token, so any node measures the same thing). Runs in turn with every other action.
 */
final class CompareMeasurement {
    static final int REQUESTS = 200;
    static final int WARM_UP = 20;
    /** Fresh tokens presented for the jwt cluster's first-sight figure (a full signature check each). */
    static final int FIRST_SIGHTS = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);

    /**
     * One cluster's figures. {@code firstSightMicros} (jwt only, else null) is the session cost for a
     * token no node has seen: nodes remember tokens whose signature they checked, so the repeated reads
     * of {@code sessionMicros} measure that memory, and only a new token shows the full ES256 check.
     */
    record Figures(Spread sessionMicros, Spread requestMicros, int credentialBytes, double storeCommandsPerRequest,
                   Spread firstSightMicros) {
    }

    private final Lab lab;
    private final LabActions actions;
    private final EventStream events;
    private final int requests;
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile JsonNode latest = NullNode.getInstance();

    CompareMeasurement(Lab lab, LabActions actions, EventStream events, int requests) {
        this.lab = lab;
        this.actions = actions;
        this.events = events;
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
    void runFirst() throws ApiProblem {
        try {
            run();
        } finally {
            first.countDown();
        }
    }

    /** Measures now and answers the new document. */
    JsonNode run() throws ApiProblem {
        return actions.serialised("measure Redis against JWT", () -> {
            ObjectNode doc = StateJson.JSON.createObjectNode();
            doc.put("measuredAt", Instant.now().toString());
            doc.put("requests", requests);
            for (Strategy strategy : List.of(Strategy.REDIS, Strategy.JWT)) {
                Cluster cluster = lab.clusters().stream().filter(c -> c.strategy() == strategy).findFirst().orElse(null);
                doc.set(strategy.key(), cluster == null ? null : json(measure(cluster)));
            }
            latest = doc;
            events.publish("compare", doc.toString());
            return doc;
        });
    }

    private Figures measure(Cluster cluster) throws ApiProblem, InterruptedException {
        HealthyView.await(cluster);
        NodeView node = cluster.nodes().stream().filter(NodeView::healthy).findFirst()
                .orElseThrow(() -> failed(cluster, "no node is up"));
        try (LabClient bob = LabClient.direct(node.url(), cluster.strategy())) {
            RequestResult login = bob.send("POST", "/login", LabActions.login("bob"));
            if (!login.succeeded()) {
                throw failed(cluster, "bob could not sign in (" + login.summary() + ")");
            }
            for (int i = 0; i < WARM_UP; i++) {
                bob.send("GET", "/profile", null);
            }
            List<Double> session = new ArrayList<>();
            List<Double> request = new ArrayList<>();
            int commands = 0;
            int bytes = 0;
            RequestResult failure = null;
            for (int i = 0; i < requests; i++) {
                RequestResult result = bob.send("GET", "/profile", null);
                if (!result.succeeded()) {
                    failure = result;
                    continue;
                }
                if (result.wire().sessionMicros() != null) {
                    session.add(result.wire().sessionMicros());
                }
                request.add((double) result.elapsedMicros());
                commands += result.wire().storeCommands().size();
                bytes = result.wire().credentialBytes();
            }
            Spread firstSight = cluster.strategy() == Strategy.JWT ? firstSights(bob) : null;
            bob.send("POST", "/logout", null);
            // A stray failure (a node flapping under load) costs one sample; more would make the figures meaningless.
            if (request.size() < requests * 9 / 10) {
                throw failed(cluster, (requests - request.size()) + " of " + requests + " requests failed, the last as "
                        + failure.summary());
            }
            double perRequest = Math.round(100.0 * commands / request.size()) / 100.0;
            return new Figures(Spread.of(session), Spread.of(request), bytes, perRequest, firstSight);
        }
    }

    /** Each settings change re-signs the token, so the next read presents a token no node has checked yet. */
    private static Spread firstSights(LabClient bob) {
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < FIRST_SIGHTS; i++) {
            bob.send("POST", "/settings", "{\"theme\":\"t" + i + "\"}");
            RequestResult read = bob.send("GET", "/profile", null);
            if (read.succeeded() && read.wire().sessionMicros() != null) {
                costs.add(read.wire().sessionMicros());
            }
        }
        return Spread.of(costs);
    }

    private static ApiProblem failed(Cluster cluster, String why) {
        return ApiProblem.conflict("measurement-failed", "could not measure the " + cluster.strategy().key()
                + " cluster: " + why);
    }

    static ObjectNode json(Figures figures) {
        ObjectNode node = StateJson.JSON.createObjectNode();
        node.set("sessionMicros", spread(figures.sessionMicros()));
        node.set("requestMicros", spread(figures.requestMicros()));
        node.put("credentialBytes", figures.credentialBytes());
        node.put("storeCommandsPerRequest", figures.storeCommandsPerRequest());
        if (figures.firstSightMicros() != null) {
            node.set("firstSightMicros", spread(figures.firstSightMicros()));
        }
        return node;
    }

    private static JsonNode spread(Spread spread) {
        return spread == null ? NullNode.getInstance()
                : StateJson.JSON.createObjectNode().put("p50", spread.p50()).put("p95", spread.p95());
    }
}
