package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line without a lab: help, version, and where relative paths point. */
class StateLabCommandTest {
    private final CliRun command = new CliRun();

    private static List<String> subcommands() {
        return StateLabCommand.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    }

    @Test
    void every_subcommand_answers_help_with_its_usage_and_exit_0() {
        assertThat(subcommands()).contains("serve", "run", "bench");
        for (String name : subcommands()) {
            command.clearOut();

            assertThat(command.run(name, "--help")).as(name + " --help").isZero();
            assertThat(command.out()).as(name + " --help").startsWith("Usage: statelab " + name);
        }
    }

    @Test
    void every_subcommand_answers_version_with_exit_0() {
        for (String name : subcommands()) {
            command.clearOut();

            assertThat(command.run(name, "--version")).as(name + " --version").isZero();
            assertThat(command.out()).as(name + " --version").startsWith("statelab ");
        }
    }

    @Test
    void a_relative_path_option_means_the_folder_the_command_was_typed_in() throws Exception {
        CliRun.inCallerFolder("/home/someone/work", () -> {
            CommandLine cli = StateLabCommand.commandLine();
            cli.parseArgs("bench", "--chart", "out/chart.svg");
            BenchCommand bench = cli.getSubcommands().get("bench").getCommand();

            assertThat(bench.chart).isEqualTo(Path.of("/home/someone/work/out/chart.svg"));
            assertThat(CallerFolder.resolve("/tmp/x.svg")).isEqualTo(Path.of("/tmp/x.svg"));
        });
    }

    @Test
    void an_unknown_option_is_exit_2() {
        assertThat(command.run("run", "seed", "--no-such-option")).isEqualTo(2);
        assertThat(command.err()).contains("--no-such-option");
    }
}
