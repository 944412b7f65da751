package statelab.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import statelab.lab.Strategy;

/** Turns what a phase recorded into its {@link BenchReport.Phase}. */
final class PhaseResults {
    private PhaseResults() {
    }

    static BenchReport.Phase of(Strategy strategy, Target target, URI uri, BenchPlan plan, int signedIn,
                                Recorder recorder, PhaseRun.Window window, Map<String, Long> redisDelta,
                                long withCredential, List<KillPlan> kill, int lostSessions, int nodes,
                                String loadGenerator) {
        double seconds = plan.duration().toNanos() / 1e9;
        long ok = recorder.totalOk();
        long requests = ok + recorder.totalFailed();
        long answered = requests - transportFailures(recorder.failures());
        LatencyHistogram all = recorder.latency();
        long commands = redisDelta.values().stream().mapToLong(Long::longValue).sum();
        BenchReport.RedisUsage redis = new BenchReport.RedisUsage(commands, withCredential,
                withCredential == 0 ? 0 : (double) commands / withCredential,
                commands == 0 || window.redisReads <= 0 ? 0 : (double) commands / window.redisReads, redisDelta);
        return new BenchReport.Phase(strategy.key(), target.key(), uri.toString(), plan.users(), signedIn, seconds,
                requests, ok, answered / seconds, ok / seconds,
                new BenchReport.Latency(all.percentile(50), all.percentile(95), all.percentile(99), all.max()),
                recorder.failures(), redis, requests == 0 ? 0 : (double) recorder.credentialBytes() / requests,
                answered == 0 ? 0 : window.jvmCpu / 1e3 / answered, answered == 0 ? 0 : window.redisCpu / 1e3 / answered,
                answered == 0 ? 0 : (double) window.switches / answered,
                kill.stream().findFirst().map(k -> killReport(k, recorder, window, lostSessions)).orElse(null), timeline(recorder),
                nodes, loadGenerator, 1);
    }

    private static long transportFailures(Map<String, Long> failures) {
        return failures.entrySet().stream().filter(e -> e.getKey().startsWith("connection-") || e.getKey().equals("timeout"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static BenchReport.KillReport killReport(KillPlan kill, Recorder recorder, PhaseRun.Window window, int lost) {
        if (window.killNanos == 0) {
            return new BenchReport.KillReport(kill.node(), kill.at().toMillis() / 1000.0, Map.of(), null, 0, "the kill did not happen");
        }
        long offsetMillis = (window.killNanos - recorder.origin()) / 1_000_000;
        long[] ok = new long[recorder.bins()];
        long[] failed = new long[recorder.bins()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = recorder.ok(i);
            failed[i] = recorder.failed(i);
        }
        int killBin = (int) Math.min(ok.length - 1, offsetMillis / Recorder.BIN_MILLIS);
        Double recovery = Recovery.seconds(ok, failed, killBin, offsetMillis);
        Map<String, Long> after = recorder.failuresAfterMark();
        long failures = after.values().stream().mapToLong(Long::longValue).sum();
        String verdict = recovery == null
                ? "not recovered by the end of the run" + (lost > 0 ? ": " + lost + " users lost their session" : "")
                : String.format(java.util.Locale.ROOT, "recovered in %.1f s, %d failed requests", recovery, failures)
                + (lost > 0 ? ", " + lost + " users lost their session" : "");
        return new BenchReport.KillReport(kill.node(), offsetMillis / 1000.0, after, recovery, lost, verdict);
    }

    private static List<BenchReport.Point> timeline(Recorder recorder) {
        List<BenchReport.Point> points = new ArrayList<>();
        for (int i = 0; i < recorder.bins(); i++) {
            LatencyHistogram h = recorder.latency(i);
            points.add(new BenchReport.Point(i * Recorder.BIN_MILLIS / 1000.0, recorder.ok(i), recorder.failed(i),
                    recorder.failedByKind(i), h.percentile(50), h.percentile(99)));
        }
        return points;
    }
}
