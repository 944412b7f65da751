package statelab.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lb.haproxy.HaproxyConfig;
import statelab.lb.haproxy.HaproxyErrorPages;

/**
 * {@code statelab haproxy-config}: prints the HAProxy configuration the lab itself runs HAProxy with
 * ({@link HaproxyConfig}: the same checks, retries, body limit and stickiness), for given backends,
 * so a balancer host can run the system's {@code haproxy -f} on it. Nothing is contacted; with
 * {@code --error-pages DIR} the RFC 9457 error bodies are written there and referenced.
 */
@Command(name = "haproxy-config", description = "Print an HAProxy configuration for the given nodes, with the lab's balancing rules (for a balancer host running haproxy).")
final class HaproxyConfigCommand implements Callable<Integer> {

    @CommandLine.Mixin
    BalancerOptions balancer;

    @CommandLine.Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port HAProxy listens on (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address HAProxy listens on (default: ${DEFAULT-VALUE}, every interface).")
    String host;

    @CommandLine.Option(names = "--error-pages", paramLabel = "DIR",
            description = "Write HAProxy's error answers as RFC 9457 problem bodies into DIR and use them.")
    Path errorPages;

    @CommandLine.Option(names = "--admin-socket", paramLabel = "PATH", description = "Give HAProxy a runtime API socket at PATH (admin level, mode 600).")
    Path adminSocket;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String policyKey = balancer.policyKey();
        if (port < 1 || port > 65535) {
            throw new UsageProblem("--port must be between 1 and 65535");
        }
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new UsageProblem("--host takes an address such as 0.0.0.0 or 10.0.0.4, not '" + host + "'");
        }
        List<URI> uris = balancer.backendUris();
        if (errorPages != null) {
            try {
                Files.createDirectories(errorPages);
                HaproxyErrorPages.write(errorPages);
            } catch (IOException e) {
                throw new UsageProblem("--error-pages " + errorPages + " could not be written (" + e.getMessage() + ")");
            }
        }
        // HAProxy derives each sticky cookie's value from this key; a fresh one per config is enough for one balancer.
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        HaproxyConfig config = new HaproxyConfig(host + ":" + port, policyKey, uris,
                adminSocket == null ? null : adminSocket.toAbsolutePath(),
                errorPages == null ? null : errorPages.toAbsolutePath(), null, HexFormat.of().formatHex(secret));
        spec.commandLine().getOut().print(config.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
