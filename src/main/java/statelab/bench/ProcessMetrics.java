package statelab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory and CPU time of this JVM and of the redis-server it started, read from
 * {@code /proc} (Linux). Where {@code /proc} is missing every figure is 0, which the report shows as
 * unknown rather than failing the run.
 */
final class ProcessMetrics {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcessMetrics() {
    }

    /** Resident set of this JVM plus its redis-server children, in bytes. */
    static long labResidentBytes() {
        long total = kilobytes(Path.of("/proc/self/status"), "VmRSS:") * 1024;
        for (long pid : redisChildren()) {
            total += kilobytes(Path.of("/proc/" + pid + "/status"), "VmRSS:") * 1024;
        }
        return total;
    }

    /** The highest resident set this JVM has had, in bytes (VmHWM). */
    static long jvmPeakResidentBytes() {
        return kilobytes(Path.of("/proc/self/status"), "VmHWM:") * 1024;
    }

    /** CPU time this JVM has used, in nanoseconds, every thread together. */
    static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time the redis-server children have used, in nanoseconds (10 ms resolution). */
    static long redisCpuNanos() {
        return cpuNanos(redisChildren());
    }

    /** CPU time the haproxy children (the bench's own, and any cluster's) have used, in nanoseconds (10 ms resolution). */
    static long haproxyCpuNanos() {
        return cpuNanos(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/haproxy") || c.equals("haproxy")).orElse(false))
                .map(ProcessHandle::pid).toList());
    }

    /**
     * Context switches, voluntary and not, of every thread of this JVM and of every process it started
     * (redis-server, haproxy, a load process, node processes), summed from each thread's
     * {@code /proc/PID/task/TID/status}. A thread that exits takes its count with it, so over a window
     * the figure is a floor. 0 without {@code /proc}.
     */
    static long contextSwitches() {
        long total = threadSwitches(ProcessHandle.current().pid());
        for (long pid : ProcessHandle.current().descendants().map(ProcessHandle::pid).toList()) {
            total += threadSwitches(pid);
        }
        return total;
    }

    private static long threadSwitches(long pid) {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    total += switchesIn(Files.readString(task.resolve("status")));
                } catch (IOException | RuntimeException e) {
                    // The thread exited between the listing and the read; its count is gone with it.
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process exited, or there is no /proc: nothing to count.
        }
        return total;
    }

    /** Voluntary plus non-voluntary context switches in one thread's {@code status} text; 0 where neither line is. */
    static long switchesIn(String status) {
        long total = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    private static long cpuNanos(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // The process may have just exited; its time no longer counts.
            }
        }
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    private static List<Long> redisChildren() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static long kilobytes(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc here (not Linux): the figure is reported as unknown.
        }
        return 0;
    }
}
