package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void public_hosts_are_repeatable_and_none_by_default() {
        ServeCommand none = new ServeCommand();
        new CommandLine(none).parseArgs();
        ServeCommand two = new ServeCommand();
        new CommandLine(two).parseArgs("--public-host", "lab.example", "--public-host", "tunnel.example:9000");

        assertThat(none.publicHosts).isEmpty();
        assertThat(two.publicHosts).containsExactly("lab.example", "tunnel.example:9000");
    }
}
