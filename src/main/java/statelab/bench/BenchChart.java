package statelab.bench;

import java.util.List;
import java.util.Locale;

/**
 * The report as an SVG chart, written by hand: answered requests per second (top) and p99 latency
 * (bottom) over the measured window, one line per phase (colour by strategy, dashed when straight
 * to a node), and a red line where a node was killed. Points are 0.2 s apart (wider on long runs, so
 * a line never has more than about a hundred); a point's p99 is the worst of its 100 ms bins.
 */
public final class BenchChart {
    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int PANEL = 230;
    private static final int TOP = 50;
    private static final int GAP = 60;
    /** One colour per cluster kind, in the registry's order. */
    private static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b");

    private BenchChart() {
    }

    public static String svg(BenchReport report) {
        List<BenchReport.Phase> phases = report.phases();
        int bins = phases.stream().mapToInt(p -> p.timeline().size()).max().orElse(0);
        int step = Math.max(2, (int) Math.ceil(bins / 100.0));
        double seconds = phases.stream().mapToDouble(BenchReport.Phase::seconds).max().orElse(1);
        double[][] rates = new double[phases.size()][];
        double[][] p99s = new double[phases.size()][];
        for (int i = 0; i < phases.size(); i++) {
            rates[i] = series(phases.get(i).timeline(), step, true);
            p99s[i] = series(phases.get(i).timeline(), step, false);
        }
        SvgCanvas svg = new SvgCanvas(WIDTH, TOP + 2 * PANEL + GAP + 70);
        svg.text(LEFT, 28, "statelab bench: " + report.options().get("users") + " users, "
                + report.machine().cores() + " cores, " + report.machine().date(), 16, "start");
        panel(svg, TOP, "answered requests per second", rates, phases, seconds, step, 1);
        panel(svg, TOP + PANEL + GAP, "p99 latency (ms)", p99s, phases, seconds, step, 1000);
        for (BenchReport.Phase p : phases) {
            if (p.kill() != null) {
                double x = LEFT + (WIDTH - LEFT - RIGHT) * p.kill().atSeconds() / seconds;
                svg.line(x, TOP - 8, x, TOP + 2 * PANEL + GAP, "#c00000", 1.5, "6,4");
                long killed = phases.stream().filter(k -> k.kill() != null).count();
                svg.text(x + 4, TOP - 10, "kill " + p.kill().node() + (killed > 1 ? " (each phase through a balancer)" : " (" + p.label() + ")"), 12, "start");
                break;
            }
        }
        int y = TOP;
        for (BenchReport.Phase p : phases) {
            double lx = WIDTH - RIGHT + 20;
            svg.line(lx, y, lx + 30, y, colour(p), 2, p.target().equals("direct") ? "5,3" : null);
            svg.text(lx + 36, y + 4, p.label(), 12, "start");
            y += 20;
        }
        return svg.done();
    }

    private static void panel(SvgCanvas svg, int top, String title, double[][] series, List<BenchReport.Phase> phases,
                              double seconds, int step, double unit) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (double[] s : series) {
            for (double v : s) {
                max = Math.max(max, v / unit);
            }
        }
        double ceiling = SvgCanvas.niceCeiling(max);
        svg.text(LEFT, top - 6, title, 13, "start");
        svg.rect(LEFT, top, plotWidth, PANEL);
        for (int t = 0; t <= 4; t++) {
            double y = top + PANEL - PANEL * t / 4.0;
            svg.line(LEFT, y, LEFT + plotWidth, y, "#e0e0e0", 1, null);
            svg.text(LEFT - 6, y + 4, SvgCanvas.label(ceiling * t / 4), 11, "end");
        }
        for (int t = 0; t <= 10; t++) {
            double x = LEFT + plotWidth * t / 10.0;
            svg.text(x, top + PANEL + 16, String.format(Locale.ROOT, "%.1f s", seconds * t / 10), 11, "middle");
        }
        double binSeconds = step * Recorder.BIN_MILLIS / 1000.0;
        for (int i = 0; i < series.length; i++) {
            double[] values = series[i];
            double[] xs = new double[values.length];
            double[] ys = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                xs[j] = LEFT + plotWidth * Math.min(1, (j + 0.5) * binSeconds / seconds);
                ys[j] = top + PANEL - PANEL * Math.min(1, values[j] / unit / ceiling);
            }
            svg.polyline(xs, ys, colour(phases.get(i)), phases.get(i).target().equals("direct") ? "5,3" : null);
        }
    }

    /** Per step: requests per second (ok and failed together), or the worst p99 in microseconds. */
    static double[] series(List<BenchReport.Point> timeline, int step, boolean rate) {
        double[] out = new double[(timeline.size() + step - 1) / step];
        for (int i = 0; i < timeline.size(); i++) {
            BenchReport.Point p = timeline.get(i);
            if (rate) {
                out[i / step] += (p.ok() + p.failed()) * 1000.0 / (Recorder.BIN_MILLIS * step);
            } else {
                out[i / step] = Math.max(out[i / step], p.p99());
            }
        }
        return out;
    }

    private static String colour(BenchReport.Phase phase) {
        int index = statelab.lab.ClusterKinds.all().stream().map(statelab.lab.ClusterKind::key).toList().indexOf(phase.strategy());
        return index < 0 ? "#555555" : PALETTE.get(index % PALETTE.size());
    }
}
