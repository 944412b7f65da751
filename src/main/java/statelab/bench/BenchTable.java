package statelab.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as a plain-text table for a terminal: the machine, one row per phase, kills, then the targets. */
public final class BenchTable {
    private static final String ROW = "%-10s %-7s %5s %5s %9s %9s %7s %7s %7s %9s %8s %8s %8s %6s  %s%n";

    private BenchTable() {
    }

    public static String text(BenchReport report) {
        StringBuilder out = new StringBuilder();
        MachineInfo m = report.machine();
        Map<String, Object> o = report.options();
        int rounds = (Integer) o.getOrDefault("rounds", 1);
        out.append(String.format(Locale.ROOT, "statelab bench: %s users, %ss warm-up per phase (%ss more before the first), %ss measured, %s%s%s%n",
                o.get("users"), o.get("warmupSeconds"), o.getOrDefault("jitWarmupSeconds", 0.0), o.get("durationSeconds"),
                ((Integer) o.get("rateCap")) == 0 ? "no rate cap" : "at most " + o.get("rateCap") + " req/s",
                o.containsKey("nodeThreads") ? ", nodes on " + o.get("nodeThreads") + " threads" : "",
                rounds > 1 ? ", " + rounds + " rounds interleaved (each target judged by its median)" : ""));
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s, %.1f GB; %s; %s%n", m.cores(), m.cpu(),
                m.memoryBytes() / 1073741824.0, m.jdk(), m.date()));
        BenchReport.LabFacts lab = report.lab();
        boolean apart = report.phases().stream().anyMatch(p -> p.loadGenerator().equals("own-process"));
        out.append(String.format(Locale.ROOT, "lab: started in %d ms, %.0f MB resident after start (JVM + Redis); JVM peak %.0f MB %s%n%n",
                lab.startMillis(), lab.residentBytes() / 1048576.0, lab.peakJvmResidentBytes() / 1048576.0,
                apart ? "(lab and balancers; the load generator ran in a JVM of its own where the users column is above "
                        + BenchRunner.MAX_USERS_IN_PROCESS + " or --load-process was given)" : "with the load generator"));
        out.append(String.format(ROW, "strategy", "target", "users", "nodes", "req/s", "ok/s", "p50 ms", "p95 ms", "p99 ms", "redis/req",
                "cmd/read", "cookie B", "cpu us", "cs/req", "failures"));
        int round = 0;
        for (BenchReport.Phase p : report.phases()) {
            if (rounds > 1 && p.round() != round) {
                round = p.round();
                out.append("round ").append(round).append('\n');
            }
            BenchReport.Latency l = p.latencyMicros();
            out.append(String.format(Locale.ROOT, ROW, p.strategy(), p.target(), p.users(), p.nodes(), number(p.throughput()),
                    number(p.okThroughput()), millis(l.p50()), millis(l.p95()), millis(l.p99()),
                    String.format(Locale.ROOT, "%.3f", p.redis().perAuthenticatedRequest()),
                    p.redis().commandsPerRead() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", p.redis().commandsPerRead()),
                    String.format(Locale.ROOT, "%.0f", p.credentialBytesPerRequest()),
                    String.format(Locale.ROOT, "%.0f", p.cpuMicrosPerRequest() + p.redisCpuMicrosPerRequest()),
                    String.format(Locale.ROOT, "%.1f", p.switchesPerRequest()), failures(p.failures())));
        }
        for (BenchReport.Phase p : report.phases()) {
            if (p.kill() != null) {
                out.append(String.format(Locale.ROOT, "%nkill %s at %.1f s (%s): %s; failures after it: %s", p.kill().node(),
                        p.kill().atSeconds(), p.label(), p.kill().verdict(), failures(p.kill().failuresAfterKill())));
            }
        }
        out.append("\n\ntargets\n");
        for (BenchReport.TargetCheck t : report.targets()) {
            out.append(String.format(Locale.ROOT, "  %-8s %-62s %9.3f  (%s)  %s%n", t.met() ? "[met]" : "[MISSED]",
                    t.target(), t.measured(), t.limit(), t.note()));
        }
        out.append("cpu us: CPU time per answered request of the whole JVM (servers and load generator) plus redis-server and any haproxy"
                + (report.phases().stream().anyMatch(p -> p.loadGenerator().equals("own-process"))
                        ? " (and the load generator's own JVM where it ran apart)" : "") + "\n"
                + "cmd/read: Redis commands per read Redis made from its clients' sockets (INFO stats), so how many one wake-up served\n"
                + "cs/req: context switches per answered request, every thread of this JVM and of the processes it started"
                + " (Redis, HAProxy, a load process): each is a thread put to sleep or preempted, and woken again\n");
        if (o.get("nodesNote") != null) {
            out.append("nodes: ").append(o.get("nodesNote")).append('\n');
        }
        return out.toString();
    }

    private static String failures(Map<String, Long> failures) {
        return failures.isEmpty() ? "none" : failures.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
