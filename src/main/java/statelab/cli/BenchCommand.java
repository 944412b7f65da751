package statelab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code statelab bench}: measures the lab under load (see docs/BENCHMARKS.md). */
@Command(name = "bench", description = "Measure each strategy under load through its balancer and straight to a node.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("statelab bench: not built yet");
        return 1;
    }
}
