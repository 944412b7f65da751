package statelab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The machine a run measured, so numbers are never quoted without it.
 *
 * @param cores       processors available to the JVM
 * @param cpu         the model name from {@code /proc/cpuinfo}, or "unknown"
 * @param memoryBytes total memory from {@code /proc/meminfo}, 0 when unknown
 * @param jdk         vendor and version of the JVM that ran the lab
 * @param jvmFlags    the flags it was started with
 * @param date        when the run started, ISO-8601 UTC
 */
public record MachineInfo(int cores, String cpu, long memoryBytes, String jdk, String jvmFlags, String date) {

    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), field("/proc/cpuinfo", "model name"),
                memory(), System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
                Instant.now().toString());
    }

    private static String field(String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: the model is reported as unknown.
        }
        return "unknown";
    }

    private static long memory() {
        String total = field("/proc/meminfo", "MemTotal");
        return total.equals("unknown") ? 0 : Long.parseLong(total.split("\\s+")[0]) * 1024;
    }
}
