package statelab.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code statelab bench} run measured, as the table, the JSON and the chart show it.
 * Latencies are in microseconds, rates per second, times in seconds from the end of the warm-up.
 *
 * @param machine the machine and JVM
 * @param options the options the run was given
 * @param lab     the lab's start-up time and memory
 * @param phases  one per strategy and target, in the order they ran
 * @param targets the issue's targets, each with the measured value and whether it was met
 */
public record BenchReport(MachineInfo machine, Map<String, Object> options, LabFacts lab, List<Phase> phases,
                          List<TargetCheck> targets) {

    /**
     * @param startMillis           {@code Lab.start} wall time
     * @param residentBytes         the lab's resident memory (this JVM and its Redis) right after start
     * @param peakJvmResidentBytes  this JVM's highest resident memory by the end of the run (load generator included)
     */
    public record LabFacts(long startMillis, long residentBytes, long peakJvmResidentBytes) {
    }

    /**
     * One strategy under load through one target.
     *
     * @param throughput         answered requests per second (failure answers included)
     * @param okThroughput       successful authenticated reads per second
     * @param failures           failures by kind: a problem {@code kind}, {@code http-<status>}, or a
     *                           transport failure ({@code connection-refused}, {@code connection-lost}, {@code timeout})
     * @param redis              Redis commands in the phase (warm-up included) per answered request that carried a credential
     * @param credentialBytesPerRequest bytes of the {@code Cookie} header line each request carried
     * @param cpuMicrosPerRequest CPU time of the whole JVM (servers and load generator) and of any haproxy it
     *                            started, per answered request
     * @param redisCpuMicrosPerRequest CPU time of redis-server per answered request
     * @param switchesPerRequest  context switches per answered request, every thread of the bench's JVM and of
     *                            every process it started (Redis, HAProxy, a load process) together; 0 without {@code /proc}
     * @param kill               what a node kill did, or null when none was planned for this phase
     * @param timeline           one point per {@link Recorder#BIN_MILLIS} ms
     * @param nodes              nodes behind the target when the phase ran (1 for {@code direct})
     * @param loadGenerator      where the virtual users ran: {@code in-process} (in the bench's JVM, beside
     *                           the lab) or {@code own-process} (a JVM of its own, whose CPU is then counted too)
     * @param round              which of the run's rounds measured it, from 1 ({@code bench --rounds})
     */
    public record Phase(String strategy, String target, String url, int users, int signedIn, double seconds,
                        long requests, long ok, double throughput, double okThroughput, Latency latencyMicros,
                        Map<String, Long> failures, RedisUsage redis, double credentialBytesPerRequest,
                        double cpuMicrosPerRequest, double redisCpuMicrosPerRequest, double switchesPerRequest, KillReport kill,
                        List<Point> timeline, int nodes, String loadGenerator, int round) {
        /** {@code redis direct}; from the second round on, {@code redis direct #2}. */
        public String label() {
            return round > 1 ? strategy + " " + target + " #" + round : strategy + " " + target;
        }

        /** This phase as measured in round {@code n}. */
        Phase inRound(int n) {
            return new Phase(strategy, target, url, users, signedIn, seconds, requests, ok, throughput, okThroughput,
                    latencyMicros, failures, redis, credentialBytesPerRequest, cpuMicrosPerRequest, redisCpuMicrosPerRequest, switchesPerRequest,
                    kill, timeline, nodes, loadGenerator, n);
        }
    }

    public record Latency(long p50, long p95, long p99, long max) {
    }

    /**
     * @param commands               commands Redis ran in the phase
     * @param authenticatedRequests  answered requests that carried a credential in the same window
     * @param perAuthenticatedRequest the ratio of the two
     * @param commandsPerRead        commands per socket read Redis made in the same window (its
     *                               {@code total_reads_processed}): how many commands one wake-up of Redis served,
     *                               so above 1 when reads travel in batches; 0 when no command ran or Redis does not count reads
     * @param byCommand              commands by name
     */
    public record RedisUsage(long commands, long authenticatedRequests, double perAuthenticatedRequest,
                             double commandsPerRead, Map<String, Long> byCommand) {
    }

    /**
     * @param recoverySeconds        from the kill to the end of the last disturbed 100 ms bin; null when
     *                               the run ended still disturbed
     * @param usersWhoLostTheirSession users who had succeeded before the kill and never again after it
     */
    public record KillReport(String node, double atSeconds, Map<String, Long> failuresAfterKill, Double recoverySeconds,
                             int usersWhoLostTheirSession, String verdict) {
    }

    /**
     * One bin of the timeline: start time, answers that succeeded and failed in it (and the failures
     * by kind; empty when none), and latency percentiles.
     */
    public record Point(double t, long ok, long failed, Map<String, Long> failedByKind, long p50, long p99) {
        public Point {
            failedByKind = Map.copyOf(failedByKind);
        }
    }

    /** One target of the issue, e.g. {@code through-LB throughput >= 0.8x direct}. */
    public record TargetCheck(String target, double measured, String limit, boolean met, String note) {
    }
}
