package statelab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code statelab}: with no subcommand it serves the lab and its page (as {@code statelab serve});
 * {@code run} plays a scenario headless; {@code bench} measures. Every subcommand takes {@code --help}
 * and {@code --version} (inherited from here). A relative path the user gives is read from the folder
 * the command was typed in ({@link CallerFolder}). Exit codes: 0 success, 1 a run that failed (or a
 * lab that could not start, such as a {@code --redis} URL where nothing answers), 2 bad usage or a bad
 * scenario file, 130 stopped by Ctrl-C.
 */
@Command(name = "statelab", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = "Where a web app keeps its users' sessions: a live lab of real servers.",
        subcommands = {ServeCommand.class, RunCommand.class, BenchCommand.class, LbCommand.class, HaproxyConfigCommand.class,
                NodeCommand.class, BenchLoadCommand.class, CommandLine.HelpCommand.class})
public final class StateLabCommand implements Callable<Integer> {
    /** The exit code of a command stopped by Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Option(names = "--port", paramLabel = "N", description = "Port of the page (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Override
    public Integer call() throws Exception {
        return new ServeCommand(lab, port).call();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with our exit codes and error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StateLabCommand());
        cli.registerConverter(Path.class, CallerFolder::resolve);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (OrderlyStop.interrupted()) {
                // What fails while Ctrl-C stops the lab under a command is the stop, already reported.
                return INTERRUPTED;
            }
            command.getErr().println("statelab: " + e.getMessage());
            return e instanceof UsageProblem ? 2 : 1;
        });
        return cli;
    }
}
