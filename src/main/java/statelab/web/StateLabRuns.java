package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.scenario.LabClient;
import statelab.scenario.Scenario;
import statelab.scenario.ScenarioReport;
import statelab.scenario.ScenarioRunner;
import statelab.scenario.Scenarios;
import statelab.scenario.StateVerdicts;
import statelab.scenario.StepReport;
import statelab.json.Json;

/**
 * {@code /api/labs}: the six state labs (docs/STATE-LABS.md) run on the page's live lab. A run
 * starts at once and goes on in the background, in turn with the page's other actions; every step
 * it takes, and its end, is sent as the event {@code state-lab} (the whole document so far), and the
 * last document of each lab stays readable. One lab runs at a time: a second start is a 409.
 * Labs that only send requests top each balancer's rotation up afterwards, so Alice's walk goes on
 * where it was; the rolling restart and the scale-out change the clusters, as they are meant to.
 */
final class StateLabRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StateLabRuns.class);
    static final List<String> NAMES = List.of("cache", "uploads", "rate-limit", "lost-update", "rolling-restart", "scale-out");
    private static final List<String> CHANGE_CLUSTERS = List.of("rolling-restart", "scale-out");

    private final Lab lab;
    private final LabActions actions;
    private final EventStream events;
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    StateLabRuns(Lab lab, LabActions actions, EventStream events) {
        this.lab = lab;
        this.actions = actions;
        this.events = events;
    }

    /** Every lab's last document (status {@code not-run} before its first run), in the lesson's order. */
    JsonNode all() {
        ObjectNode doc = Json.object();
        NAMES.forEach(name -> doc.set(name, latestOf(name)));
        return doc;
    }

    /** One lab's last document; 404 for a name that is not a lab. */
    JsonNode latest(String name) throws ProblemException {
        requireLab(name);
        return latestOf(name);
    }

    /** Starts the lab in the background and answers its first document (status {@code running}). */
    JsonNode start(String name) throws ProblemException {
        requireLab(name);
        if (!running.compareAndSet(false, true)) {
            throw new ProblemException(ProblemKind.LAB_RUNNING, "another state lab is running; its result comes over the event stream");
        }
        ObjectNode doc = document(name, "running");
        publish(name, doc.deepCopy());
        Thread.ofVirtual().name("state-lab-" + name).start(() -> {
            try {
                actions.serialised("run the " + name + " lab", () -> run(name, doc));
            } catch (ProblemException e) {
                ObjectNode failed = doc.deepCopy();
                failed.put("status", "failed");
                failed.put("detail", e.getMessage());
                publish(name, failed);
            } catch (RuntimeException e) {
                LOG.warn("the {} lab failed", name, e);
                ObjectNode failed = doc.deepCopy();
                failed.put("status", "failed");
                failed.put("detail", "the lab could not finish: " + e.getMessage());
                publish(name, failed);
            } finally {
                running.set(false);
            }
        });
        return document(name, "running");
    }

    private Void run(String name, ObjectNode doc) throws Exception {
        Scenario scenario = Scenarios.builtIn(name).orElseThrow();
        long started = System.nanoTime();
        Map<Cluster, Long> forwardedBefore = forwarded();
        ArrayNode steps = doc.withArray("steps");
        ScenarioReport report;
        try (ScenarioRunner runner = new ScenarioRunner(lab, scenario.users())) {
            report = runner.run(scenario, step -> {
                steps.add(step(step));
                publish(name, doc.deepCopy());
            });
        }
        if (!CHANGE_CLUSTERS.contains(name)) {
            restoreRotations(forwardedBefore);
        }
        ObjectNode done = doc.deepCopy();
        done.put("status", "done");
        done.put("wallMillis", (System.nanoTime() - started) / 1_000_000);
        done.set("figures", Json.tree(report.figures()));
        done.set("verdicts", Json.tree(StateVerdicts.of(report.figures())));
        publish(name, done);
        return null;
    }

    private static ObjectNode step(StepReport report) {
        ObjectNode step = Json.object();
        step.put("action", report.action());
        step.put("note", report.note());
        return step;
    }

    private Map<Cluster, Long> forwarded() {
        Map<Cluster, Long> counts = new LinkedHashMap<>();
        lab.clusters().forEach(c -> counts.put(c, c.balancer().stats().forwarded()));
        return counts;
    }

    /** Tops each balancer's rotation up to whole turns, so the lab's own requests do not move Alice's next node. */
    private void restoreRotations(Map<Cluster, Long> before) {
        before.forEach((cluster, count) -> {
            int sent = (int) Math.floorMod(cluster.balancer().stats().forwarded() - count, 1_000_000L);
            try (LabClient padding = LabClient.forCluster(lab, cluster)) {
                RoundRobinPadding.complete(cluster, padding, sent);
            }
        });
    }

    private void publish(String name, ObjectNode doc) {
        latest.put(name, doc);
        events.publish("state-lab", doc.toString());
    }

    private ObjectNode document(String name, String status) {
        ObjectNode doc = Json.object();
        doc.put("name", name);
        doc.put("status", status);
        doc.put("startedAt", Instant.now().toString());
        doc.putArray("steps");
        return doc;
    }

    private JsonNode latestOf(String name) {
        JsonNode doc = latest.get(name);
        if (doc != null) {
            return doc;
        }
        ObjectNode none = Json.object();
        none.put("name", name);
        none.put("status", "not-run");
        return none;
    }

    private static void requireLab(String name) throws ProblemException {
        if (!NAMES.contains(name)) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "there is no state lab called '" + name + "'; the labs are "
                    + String.join(", ", NAMES));
        }
    }
}
