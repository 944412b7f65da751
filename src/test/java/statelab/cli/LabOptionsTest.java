package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import statelab.lab.NodeThreads;

/** The lab options as typed, read into a lab's configuration. */
class LabOptionsTest {

    private static LabOptions parsed(String... args) {
        LabOptions options = new LabOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void nodes_run_on_platform_threads_unless_asked_otherwise() throws Exception {
        assertThat(parsed().config().nodeThreads()).isEqualTo(NodeThreads.PLATFORM);
    }

    @Test
    void a_command_may_choose_its_own_default_and_the_option_still_wins() throws Exception {
        assertThat(parsed().config(NodeThreads.VIRTUAL).nodeThreads()).isEqualTo(NodeThreads.VIRTUAL);
        assertThat(parsed("--node-threads", "platform").config(NodeThreads.VIRTUAL).nodeThreads()).isEqualTo(NodeThreads.PLATFORM);
        assertThat(parsed("--node-threads", "virtual").config().nodeThreads()).isEqualTo(NodeThreads.VIRTUAL);
    }

    @Test
    void an_unknown_kind_of_threads_is_a_usage_problem_that_names_the_choices() {
        assertThatThrownBy(() -> parsed("--node-threads", "green").config())
                .isInstanceOf(UsageProblem.class)
                .hasMessage("--node-threads is one of [platform, virtual], not 'green'");
    }
}
