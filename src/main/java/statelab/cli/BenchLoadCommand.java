package statelab.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import statelab.bench.LoadProcessMain;

/**
 * {@code statelab bench-load}: the bench's load generator as a process of its own, started and led by
 * {@code statelab bench} over standard input and output (see {@link LoadProcessMain}). Hidden: it is
 * not a command for people. Sends only to loopback.
 */
@Command(name = "bench-load", hidden = true, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Internal: the bench's virtual users in a JVM of their own, led over standard input.")
final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "Where the users send: a loopback http URL.")
    URI url;

    @Option(names = "--cookie", required = true, paramLabel = "NAME", description = "The cookie the credential arrives in.")
    String cookie;

    @Option(names = "--users", required = true, paramLabel = "N", description = "Virtual users.")
    int users;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "At most N requests per second in all; 0 for no cap.")
    int rate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            return LoadProcessMain.run(url, cookie, users, rate, System.in, System.out);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
    }
}
