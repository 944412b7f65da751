package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodePortsTest {

    @Test
    void a_chosen_port_lies_below_the_ephemeral_range_and_can_be_bound() throws Exception {
        int port = NodePorts.choose();
        int low = NodePorts.ephemeralLow();
        Path range = Path.of(NodePorts.RANGE_FILE);
        if (Files.exists(range)) {
            assertThat(low).isEqualTo(Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]));
        }

        if (low - NodePorts.LOWEST >= 1_000) {
            assertThat(port).isBetween(NodePorts.LOWEST, low - 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        } else {
            assertThat(port).isZero();
        }
    }
}
