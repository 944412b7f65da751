package statelab.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole run: every step's report, totals and a verdict per strategy, all derived from real outcomes;
 * and the figures its state-lab steps measured (empty for a scenario without any).
 */
public record ScenarioReport(String scenario, List<String> strategies, List<StepReport> steps, Map<String, Object> figures) {

    /** Successes, failures, and failures by kind key (a session failure kind or any other kind an answer named). */
    public record Totals(int success, int failure, Map<String, Integer> byKind) {
    }

    public ScenarioReport {
        strategies = List.copyOf(strategies);
        steps = List.copyOf(steps);
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public ScenarioReport(String scenario, List<String> strategies, List<StepReport> steps) {
        this(scenario, strategies, steps, Map.of());
    }

    /** Whether the run measured state-lab figures. */
    public boolean hasFigures() {
        return !figures.isEmpty();
    }

    /** Every result of one strategy, in order. */
    public List<RequestResult> results(String strategy) {
        return steps.stream().filter(StepReport::isRequest).map(s -> s.results().get(strategy)).toList();
    }

    public Totals totals(String strategy) {
        int success = 0;
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (RequestResult result : results(strategy)) {
            if (result.succeeded()) {
                success++;
            } else {
                byKind.merge(result.kind(), 1, Integer::sum);
            }
        }
        int failure = byKind.values().stream().mapToInt(Integer::intValue).sum();
        return new Totals(success, failure, byKind);
    }

    public String verdict(String strategy) {
        return Verdicts.of(strategy, steps);
    }
}
