package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The options the lab writes for its node processes, read back without the command-line library. */
class NodeProcessMainTest {

    @Test
    void the_lab_s_options_describe_the_node() {
        StandaloneNode node = NodeProcessMain.parse(new String[] {"--id", "S2", "--strategy", "jwt", "--port", "40123",
                "--redis", "redis://127.0.0.1:6379", "--redis-wait", "1", "--jwks", "/tmp/keys.json", "--login-throttle", "node",
                "--jwt-revocation", "--https", "--threads", "virtual"});

        assertThat(node).isEqualTo(new StandaloneNode("S2", ClusterKinds.JWT, 40123, "redis://127.0.0.1:6379", 1,
                Path.of("/tmp/keys.json"), true, false, true, "127.0.0.1", false, null, NodeThreads.VIRTUAL));
    }

    @Test
    void left_out_options_take_the_lab_s_defaults() {
        StandaloneNode node = NodeProcessMain.parse(new String[] {"--id", "S1", "--strategy", "redis", "--redis", "redis://h:1"});

        assertThat(node.port()).isZero();
        assertThat(node.redisReplicasToWait()).isZero();
        assertThat(node.keyFile()).isNull();
        assertThat(node.sharedThrottle()).isTrue();
        assertThat(node.jwtRevocation()).isFalse();
        assertThat(node.https()).isFalse();
        assertThat(node.service()).isFalse();
        assertThat(node.threads()).isEqualTo(NodeThreads.PLATFORM);
    }

    @Test
    void a_mistake_names_the_option() {
        assertThatThrownBy(() -> NodeProcessMain.parse(new String[] {"--id", "S1", "--redis", "redis://h:1"}))
                .hasMessage("--strategy is required");
        assertThatThrownBy(() -> NodeProcessMain.parse(new String[] {"--id", "S1", "--strategy", "cookie", "--redis", "r"}))
                .hasMessageStartingWith("--strategy is one of");
        assertThatThrownBy(() -> NodeProcessMain.parse(new String[] {"--id", "S1", "--strategy", "jwt", "--redis", "r", "--port", "x"}))
                .hasMessage("--port takes a number");
        assertThatThrownBy(() -> NodeProcessMain.parse(new String[] {"--id", "S1", "--verbose"}))
                .hasMessage("unknown option or missing value: --verbose");
        assertThatThrownBy(() -> NodeProcessMain.parse(new String[] {"--id"}))
                .hasMessage("unknown option or missing value: --id");
    }
}
