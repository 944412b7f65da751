package statelab.bench;

import static statelab.bench.SvgCanvas.LEFT;
import static statelab.bench.SvgCanvas.PALETTE;
import static statelab.bench.SvgCanvas.TOP;
import static statelab.bench.SvgCanvas.WIDTH;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A cost curve as an SVG chart: successful answers per second (top) and p50 and p99 latency
 * (bottom, p50 thin) against the number of users ({@link #svg}) or of nodes behind the balancer
 * ({@link #nodes}), one line per strategy and target, the points spaced evenly (1, 8, 64, ... grow by
 * a factor, so this reads as a log scale). A nodes chart carries the note of what more nodes can
 * show on this machine. Written by hand.
 */
public final class CurveChart {
    private static final int RIGHT = 200;
    private static final int PANEL = 230;
    private static final int GAP = 60;

    private CurveChart() {
    }

    /** The users curve: one point per number of users. */
    public static String svg(BenchReport report) {
        return chart(report, BenchReport.Phase::users, "users", "");
    }

    /** The nodes curve: one point per number of nodes behind the balancer, with the note on cores. */
    public static String nodes(BenchReport report) {
        Object note = report.options().get("nodesNote");
        return chart(report, BenchReport.Phase::nodes, "nodes", note == null ? "" : note.toString());
    }

    private static String chart(BenchReport report, java.util.function.ToIntFunction<BenchReport.Phase> axis, String unit,
                                String note) {
        List<Integer> users = new ArrayList<>(new TreeSet<>(report.phases().stream().map(axis::applyAsInt).toList()));
        Map<String, List<BenchReport.Phase>> lines = new LinkedHashMap<>();
        for (BenchReport.Phase p : report.phases()) {
            lines.computeIfAbsent(p.label(), k -> new ArrayList<>()).add(p);
        }
        SvgCanvas svg = new SvgCanvas(WIDTH, TOP + 2 * PANEL + GAP + 70);
        svg.text(LEFT, 28, "statelab bench: cost against " + unit + ", " + report.machine().cores() + " cores, " + report.machine().date(), 16, "start");
        int noteY = TOP + 2 * PANEL + GAP + 40;
        for (String line : wrap(note, 130)) {
            svg.text(LEFT, noteY, line, 11, "start");
            noteY += 14;
        }
        double okMax = report.phases().stream().mapToDouble(BenchReport.Phase::okThroughput).max().orElse(1);
        double p99Max = report.phases().stream().mapToDouble(p -> p.latencyMicros().p99() / 1000.0).max().orElse(1);
        axes(svg, TOP, "successful answers per second", SvgCanvas.niceCeiling(okMax), users, unit);
        axes(svg, TOP + PANEL + GAP, "latency (ms): p99 thick, p50 thin", SvgCanvas.niceCeiling(p99Max), users, unit);
        int index = 0;
        int legendY = TOP;
        for (Map.Entry<String, List<BenchReport.Phase>> line : lines.entrySet()) {
            String colour = PALETTE.get(index++ % PALETTE.size());
            String dashes = line.getValue().get(0).target().equals("direct") ? "5,3"
                    : line.getValue().get(0).target().equals("haproxy") ? "2,2" : null;
            plot(svg, TOP, line.getValue(), axis, users, SvgCanvas.niceCeiling(okMax), p -> p.okThroughput(), colour, dashes);
            plot(svg, TOP + PANEL + GAP, line.getValue(), axis, users, SvgCanvas.niceCeiling(p99Max), p -> p.latencyMicros().p99() / 1000.0, colour, dashes);
            plot(svg, TOP + PANEL + GAP, line.getValue(), axis, users, SvgCanvas.niceCeiling(p99Max), p -> p.latencyMicros().p50() / 1000.0, colour, "1,2");
            double lx = WIDTH - RIGHT + 20;
            svg.line(lx, legendY, lx + 30, legendY, colour, 2, dashes);
            svg.text(lx + 36, legendY + 4, line.getKey(), 12, "start");
            legendY += 20;
        }
        return svg.done();
    }

    /** The note in lines of at most about {@code width} characters, broken at spaces. */
    private static List<String> wrap(String note, int width) {
        List<String> lines = new ArrayList<>();
        String rest = note.strip();
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= 0 ? width : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            lines.add(rest);
        }
        return lines;
    }

    private static double x(List<Integer> users, int value) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int i = users.indexOf(value);
        return users.size() == 1 ? LEFT + plotWidth / 2.0 : LEFT + plotWidth * i / (double) (users.size() - 1);
    }

    private static void axes(SvgCanvas svg, int top, String title, double ceiling, List<Integer> users, String unit) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        svg.panel(top, plotWidth, PANEL, title, ceiling);
        for (int u : users) {
            svg.text(x(users, u), top + PANEL + 16, u + " " + unit, 11, "middle");
        }
    }

    private static void plot(SvgCanvas svg, int top, List<BenchReport.Phase> phases, java.util.function.ToIntFunction<BenchReport.Phase> axis,
                             List<Integer> users, double ceiling,
                             java.util.function.ToDoubleFunction<BenchReport.Phase> value, String colour, String dashes) {
        double[] xs = new double[phases.size()];
        double[] ys = new double[phases.size()];
        for (int i = 0; i < phases.size(); i++) {
            xs[i] = x(users, axis.applyAsInt(phases.get(i)));
            ys[i] = top + PANEL - PANEL * Math.min(1, value.applyAsDouble(phases.get(i)) / ceiling);
        }
        svg.polyline(xs, ys, colour, dashes);
    }
}
