package statelab.scenario;

import java.util.List;

/**
 * The side-by-side table a person reads: one row per step, one column per strategy (node, outcome
 * and failure kind), then totals and one verdict line per strategy.
 */
public final class ScenarioTable {
    private static final int ACTION_WIDTH = 18;
    private static final int COLUMN_WIDTH = 27;

    private ScenarioTable() {
    }

    /** The header row, for printing before the steps arrive one by one. */
    public static String header(List<String> strategies) {
        StringBuilder out = new StringBuilder(String.format("%-3s %-" + ACTION_WIDTH + "s", "#", "request"));
        strategies.forEach(s -> out.append(String.format(" | %-" + COLUMN_WIDTH + "s", s)));
        out.append('\n').append("-".repeat(4 + ACTION_WIDTH + strategies.size() * (COLUMN_WIDTH + 3)));
        return out.toString();
    }

    /** One step as a row. */
    public static String row(StepReport step, List<String> strategies) {
        if (!step.isRequest()) {
            return String.format("%-3s %s  (%s)", "-", step.action(), step.note());
        }
        StringBuilder out = new StringBuilder(String.format("%-3d %-" + ACTION_WIDTH + "s", step.index(), step.action()));
        for (String strategy : strategies) {
            RequestResult r = step.results().get(strategy);
            out.append(String.format(" | %-" + COLUMN_WIDTH + "s", r == null ? "" : r.summary()));
        }
        return out.toString();
    }

    /** Totals and verdicts. */
    public static String footer(ScenarioReport report) {
        if (report.hasFigures()) {
            return StateLabTable.render(report.figures());
        }
        StringBuilder out = new StringBuilder("\ntotals\n");
        for (String strategy : report.strategies()) {
            ScenarioReport.Totals t = report.totals(strategy);
            out.append(String.format("  %-10s %d success / %d failure%n", strategy, t.success(), t.failure()));
        }
        out.append("\nverdicts\n");
        for (String strategy : report.strategies()) {
            out.append(String.format("  %-10s %s%n", strategy, report.verdict(strategy)));
        }
        return out.toString();
    }

    public static String render(ScenarioReport report) {
        StringBuilder out = new StringBuilder(header(report.strategies())).append('\n');
        report.steps().forEach(s -> out.append(row(s, report.strategies())).append('\n'));
        return out.append(footer(report)).toString();
    }
}
