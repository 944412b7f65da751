package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line without a lab: help, version, and where relative paths point. */
class StateLabCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = StateLabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static List<String> subcommands() {
        return StateLabCommand.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    }

    @Test
    void every_subcommand_answers_help_with_its_usage_and_exit_0() {
        assertThat(subcommands()).contains("serve", "run", "bench");
        for (String name : subcommands()) {
            out.getBuffer().setLength(0);

            assertThat(run(name, "--help")).as(name + " --help").isZero();
            assertThat(out.toString()).as(name + " --help").startsWith("Usage: statelab " + name);
        }
    }

    @Test
    void every_subcommand_answers_version_with_exit_0() {
        for (String name : subcommands()) {
            out.getBuffer().setLength(0);

            assertThat(run(name, "--version")).as(name + " --version").isZero();
            assertThat(out.toString()).as(name + " --version").startsWith("statelab ");
        }
    }

    @Test
    void a_relative_path_option_means_the_folder_the_command_was_typed_in() {
        String before = System.getProperty(CallerFolder.PROPERTY);
        System.setProperty(CallerFolder.PROPERTY, "/home/someone/work");
        try {
            CommandLine cli = StateLabCommand.commandLine();
            cli.parseArgs("bench", "--chart", "out/chart.svg");
            BenchCommand bench = cli.getSubcommands().get("bench").getCommand();

            assertThat(bench.chart).isEqualTo(Path.of("/home/someone/work/out/chart.svg"));
            assertThat(CallerFolder.resolve("/tmp/x.svg")).isEqualTo(Path.of("/tmp/x.svg"));
        } finally {
            if (before == null) {
                System.clearProperty(CallerFolder.PROPERTY);
            } else {
                System.setProperty(CallerFolder.PROPERTY, before);
            }
        }
    }

    @Test
    void an_unknown_option_is_exit_2() {
        assertThat(run("run", "seed", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }
}
