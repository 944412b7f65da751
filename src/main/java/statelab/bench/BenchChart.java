package statelab.bench;

import static statelab.bench.SvgCanvas.LEFT;
import static statelab.bench.SvgCanvas.PALETTE;
import static statelab.bench.SvgCanvas.TOP;
import static statelab.bench.SvgCanvas.WIDTH;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The report as an SVG chart, written by hand, three panels over the measured window: successful
 * answers per second, failed answers per second (one line per phase and failure kind, so a cluster
 * signing its users out never looks busier than one serving them), and p99 latency. Colour by
 * strategy; solid through our balancer, dotted through HAProxy, dashed straight to a node. A red
 * line marks a node's kill, a tick in the phase's colour when that phase recovered (none when it did
 * not). Points are 0.2 s apart (wider on long runs, so a line never has more than about a hundred);
 * a point's p99 is the worst of its 100 ms bins.
 */
public final class BenchChart {
    private static final int RIGHT = 230;
    private static final int PANEL = 200;
    private static final int GAP = 50;
    /** Failure kinds are told apart by dash pattern, within a phase's colour. */
    private static final List<String> KIND_DASHES = List.of("1,3", "8,3", "8,3,1,3", "3,3", "12,4");

    private BenchChart() {
    }

    /** One line on a panel. */
    private record Series(String label, double[] values, String colour, String dashes) {
    }

    public static String svg(BenchReport report) {
        List<BenchReport.Phase> phases = report.phases();
        int bins = phases.stream().mapToInt(p -> p.timeline().size()).max().orElse(0);
        int step = Math.max(2, (int) Math.ceil(bins / 100.0));
        double seconds = phases.stream().mapToDouble(BenchReport.Phase::seconds).max().orElse(1);
        List<Series> ok = new ArrayList<>();
        List<Series> failed = new ArrayList<>();
        List<Series> p99 = new ArrayList<>();
        for (BenchReport.Phase p : phases) {
            ok.add(new Series(p.label(), rate(p.timeline(), step, null), colour(p), dashes(p)));
            p99.add(new Series(p.label(), worstP99(p.timeline(), step), colour(p), dashes(p)));
            List<String> kinds = new ArrayList<>(new TreeSet<>(p.failures().keySet()));
            for (int k = 0; k < kinds.size(); k++) {
                failed.add(new Series(p.label() + ": " + kinds.get(k), rate(p.timeline(), step, kinds.get(k)), colour(p),
                        KIND_DASHES.get(k % KIND_DASHES.size())));
            }
        }
        int height = TOP + 3 * PANEL + 2 * GAP + 40;
        SvgCanvas svg = new SvgCanvas(WIDTH, Math.max(height, TOP + 20 * (phases.size() + failed.size()) + 40));
        svg.text(LEFT, 28, "statelab bench: " + report.options().get("users") + " users, "
                + report.machine().cores() + " cores, " + report.machine().date(), 16, "start");
        int[] tops = {TOP, TOP + PANEL + GAP, TOP + 2 * (PANEL + GAP)};
        panel(svg, tops[0], "successful answers per second", ok, seconds, step, 1);
        panel(svg, tops[1], failed.isEmpty() ? "failed answers per second, by kind (none failed)"
                : "failed answers per second, by kind", failed, seconds, step, 1);
        panel(svg, tops[2], "p99 latency (ms)", p99, seconds, step, 1000);
        marks(svg, phases, seconds, tops[0], tops[2] + PANEL);
        legend(svg, ok, failed);
        return svg.done();
    }

    private static void marks(SvgCanvas svg, List<BenchReport.Phase> phases, double seconds, int top, int bottom) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        boolean killMarked = false;
        int row = 0;
        for (BenchReport.Phase p : phases) {
            if (p.kill() == null) {
                continue;
            }
            if (!killMarked) {
                double x = LEFT + plotWidth * p.kill().atSeconds() / seconds;
                svg.line(x, top - 8, x, bottom, "#c00000", 1.5, "6,4");
                long killed = phases.stream().filter(k -> k.kill() != null).count();
                svg.text(x + 4, top - 10, "kill " + p.kill().node() + (killed > 1 ? " (each phase through a balancer)" : " (" + p.label() + ")"), 12, "start");
                killMarked = true;
            }
            if (p.kill().recoverySeconds() != null) {
                double at = Math.min(seconds, p.kill().atSeconds() + p.kill().recoverySeconds());
                double x = LEFT + plotWidth * at / seconds;
                double y = top + 14 + 14 * row++;
                svg.line(x, top, x, top + PANEL, colour(p), 2, "2,2");
                svg.text(x + 3, y, "recovered (" + p.label() + ")", 10, "start");
            }
        }
    }

    private static void legend(SvgCanvas svg, List<Series> phases, List<Series> failures) {
        double lx = WIDTH - RIGHT + 16;
        int y = TOP;
        for (Series s : phases) {
            svg.line(lx, y, lx + 30, y, s.colour(), 2, s.dashes());
            svg.text(lx + 36, y + 4, s.label(), 12, "start");
            y += 20;
        }
        y = TOP + PANEL + GAP;
        for (Series s : failures) {
            svg.line(lx, y, lx + 30, y, s.colour(), 2, s.dashes());
            svg.text(lx + 36, y + 4, s.label(), 11, "start");
            y += 18;
        }
    }

    private static void panel(SvgCanvas svg, int top, String title, List<Series> series, double seconds, int step, double unit) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v / unit);
            }
        }
        double ceiling = SvgCanvas.niceCeiling(max);
        svg.panel(top, plotWidth, PANEL, title, ceiling);
        for (int t = 0; t <= 10; t++) {
            double x = LEFT + plotWidth * t / 10.0;
            svg.text(x, top + PANEL + 16, String.format(Locale.ROOT, "%.1f s", seconds * t / 10), 11, "middle");
        }
        double binSeconds = step * Recorder.BIN_MILLIS / 1000.0;
        for (Series s : series) {
            double[] values = s.values();
            double[] xs = new double[values.length];
            double[] ys = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                xs[j] = LEFT + plotWidth * Math.min(1, (j + 0.5) * binSeconds / seconds);
                ys[j] = top + PANEL - PANEL * Math.min(1, values[j] / unit / ceiling);
            }
            svg.polyline(xs, ys, s.colour(), s.dashes());
        }
    }

    /** Per step: successes per second ({@code kind} null), or failures of that kind per second. */
    static double[] rate(List<BenchReport.Point> timeline, int step, String kind) {
        double[] out = new double[(timeline.size() + step - 1) / step];
        for (int i = 0; i < timeline.size(); i++) {
            BenchReport.Point p = timeline.get(i);
            long count = kind == null ? p.ok() : p.failedByKind().getOrDefault(kind, 0L);
            out[i / step] += count * 1000.0 / (Recorder.BIN_MILLIS * step);
        }
        return out;
    }

    /** Per step: the worst p99 of its bins, in microseconds. */
    static double[] worstP99(List<BenchReport.Point> timeline, int step) {
        double[] out = new double[(timeline.size() + step - 1) / step];
        for (int i = 0; i < timeline.size(); i++) {
            out[i / step] = Math.max(out[i / step], timeline.get(i).p99());
        }
        return out;
    }

    private static String dashes(BenchReport.Phase phase) {
        return switch (phase.target()) {
            case "direct" -> "5,3";
            case "haproxy" -> "2,2";
            default -> null;
        };
    }

    private static String colour(BenchReport.Phase phase) {
        int index = statelab.lab.ClusterKinds.all().stream().map(statelab.lab.ClusterKind::key).toList().indexOf(phase.strategy());
        return index < 0 ? "#555555" : PALETTE.get(index % PALETTE.size());
    }
}
