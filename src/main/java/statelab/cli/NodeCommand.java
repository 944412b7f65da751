package statelab.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import statelab.lab.ClusterKind;
import statelab.lab.ClusterKinds;
import statelab.lab.NodeThreads;
import statelab.lab.SentinelCheck;
import statelab.lab.StandaloneNode;

/**
 * {@code statelab node}: one app node as a process of its own, as {@code --node-processes} starts
 * them. It prints {@code ready <port>} once it listens, then follows commands on its standard input
 * and stops when that input ends (see {@link StandaloneNode}).
 */
@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run one app node (S1, S2, ...) as its own process; it stops when its standard input ends.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id, such as S1.")
    String id;

    @Option(names = "--strategy", required = true, paramLabel = "KEY", description = "The cluster kind: in-memory, sticky, redis, jwt, ...")
    String strategy;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Loopback port to listen on; 0 for any free one (default).")
    int port;

    @Option(names = "--redis", required = true, paramLabel = "URL", description = "The Redis, such as redis://127.0.0.1:6379, or behind Sentinel redis-sentinel://10.0.0.2:26379,10.0.0.3:26379#statelab (then a sign-in waits for a replica).")
    String redisUrl;

    @Option(names = "--redis-wait", paramLabel = "N", defaultValue = "0", description = "Replicas a sign-in waits for (1 behind Sentinel).")
    int redisWait;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); the host's own address when the balancer runs elsewhere.")
    String host;

    @Option(names = "--service", description = "Run until stopped (SIGTERM) and ignore standard input: a node on a host of its own, under systemd.")
    boolean service;

    @Option(names = "--jwks", paramLabel = "FILE|URL", description = "The lab's key file (signing key and verifying keys), "
            + "or the http(s) URL of a JWK set, such as another jwt node's /.well-known/jwks.json: then the node only verifies "
            + "tokens (sign-in answers 403 verify-only). Without it the node makes keys of its own.")
    String jwks;

    @Option(names = "--jwt-revocation", description = "Start with the jwt deny-list on.")
    boolean jwtRevocation;

    @Option(names = "--login-throttle", paramLabel = "WHERE", defaultValue = "redis", description = "'redis' (shared) or 'node'.")
    String throttle;

    @Option(names = "--https", description = "The balancers answer HTTPS, so cookies are Secure with the __Host- prefix.")
    boolean https;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "virtual",
            description = "What requests are served on: 'virtual' (the default; carries many users) or 'platform'.")
    String threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ClusterKind kind = ClusterKinds.byKey(strategy).orElseThrow(() ->
                new UsageProblem("--strategy is one of " + ClusterKinds.keys() + ", not '" + strategy + "'"));
        if (!throttle.equals("redis") && !throttle.equals("node")) {
            throw new UsageProblem("--login-throttle is 'redis' or 'node', not '" + throttle + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UsageProblem("--port must be between 0 and 65535");
        }
        int replicas = redisWait;
        if (SentinelCheck.isSentinelUrl(redisUrl)) {
            // One line and exit 1 now, rather than a node whose every sign-in fails later.
            SentinelCheck.requirePrimary(redisUrl);
            replicas = Math.max(replicas, 1);
        }
        boolean url = jwks != null && (jwks.startsWith("http://") || jwks.startsWith("https://"));
        if (url && !kind.key().equals("jwt")) {
            throw new UsageProblem("--jwks URL is for --strategy jwt (a node that verifies tokens another node signed)");
        }
        Path keyFile = jwks == null || url ? null : CallerFolder.resolve(jwks);
        URI jwksUrl = url ? jwksUri(jwks) : null;
        NodeThreads serveOn = NodeThreads.byKey(threads).orElseThrow(() ->
                new UsageProblem("--threads is one of " + NodeThreads.keys() + ", not '" + threads + "'"));
        return new StandaloneNode(id, kind, port, redisUrl, replicas, keyFile, jwtRevocation, throttle.equals("redis"), https,
                host, service, jwksUrl, serveOn)
                .run(System.out);
    }

    private static URI jwksUri(String text) throws UsageProblem {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new URISyntaxException(text, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageProblem("--jwks " + text + " is not a URL: " + e.getMessage());
        }
    }
}
