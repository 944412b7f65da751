package statelab.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import statelab.json.Json;

/**
 * The headless document of docs/LAB-SEMANTICS.md: {@code scenario}, {@code strategies}, {@code steps}
 * (requests with {@code index}, {@code action} and per-strategy {@code results}; lab actions with
 * {@code action} only), {@code totals}; plus {@code verdicts} and failure kinds by count. A state lab
 * (docs/STATE-LABS.md) has {@code figures} and {@code verdicts} by variant or cluster instead of totals.
 */
public final class ScenarioJson {

    private ScenarioJson() {
    }

    public static ObjectNode of(ScenarioReport report) {
        ObjectNode root = Json.object();
        root.put("scenario", report.scenario());
        ArrayNode strategies = root.putArray("strategies");
        report.strategies().forEach(strategies::add);
        ArrayNode steps = root.putArray("steps");
        for (StepReport step : report.steps()) {
            ObjectNode node = steps.addObject();
            if (step.isRequest()) {
                node.put("index", step.index());
                node.put("action", step.action());
                ObjectNode results = node.putObject("results");
                step.results().forEach((strategy, result) -> results.set(strategy, result(result)));
            } else {
                node.put("action", step.action());
                node.put("note", step.note());
            }
        }
        if (report.hasFigures()) {
            root.set("figures", Json.tree(report.figures()));
            root.set("verdicts", Json.tree(StateVerdicts.of(report.figures())));
            return root;
        }
        ObjectNode totals = root.putObject("totals");
        ObjectNode verdicts = root.putObject("verdicts");
        for (String strategy : report.strategies()) {
            ScenarioReport.Totals t = report.totals(strategy);
            ObjectNode total = totals.putObject(strategy);
            total.put("success", t.success());
            total.put("failure", t.failure());
            ObjectNode kinds = total.putObject("failuresByKind");
            t.byKind().forEach(kinds::put);
            verdicts.put(strategy, report.verdict(strategy));
        }
        return root;
    }

    /** One result: {@code node}, {@code status}, {@code outcome}, and {@code kind} on failures. */
    public static ObjectNode result(RequestResult result) {
        ObjectNode node = Json.object();
        node.put("node", result.node());
        node.put("status", result.status());
        node.put("outcome", result.outcome().key());
        if (result.kind() != null) {
            node.put("kind", result.kind());
        }
        node.put("elapsedMicros", result.elapsedMicros());
        return node;
    }

    public static String text(ScenarioReport report) {
        try {
            return Json.prettyWriter().writeValueAsString(of(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> asMap(ObjectNode node) {
        return Json.toMap(node);
    }
}
