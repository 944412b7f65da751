package statelab.lab;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import statelab.node.SessionCookies;
import statelab.session.SessionPolicy;
import statelab.session.UserDirectory;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.RemoteJwks;

/**
 * One node as the whole job of its process ({@code statelab node}), started by
 * {@link OsProcessNodeLauncher}. It talks with the lab over its own standard streams, which no other
 * process can reach: it prints {@code ready <port>} once it listens and {@code sessions <n>} whenever
 * the number of sessions in its memory changes; it reads commands, one a line, and answers
 * {@code ok <command>} once applied: {@code jwt-keys} (read the key file again: the lab rotated),
 * {@code jwt-revocation on|off}. When its input ends (the lab closed it, or died) the node stops and
 * the process exits.
 *
 * @param keyFile the lab's key file ({@code jwt-keys.json}); null to make keys of its own (a node run by hand)
 * @param jwksUrl where a jwt node that only verifies fetches the public keys ({@code --jwks URL}, such as another
 *                node's {@code /.well-known/jwks.json}); null when the node signs (keys from {@code keyFile} or its own)
 * @param host    the address to listen on: loopback for the lab's nodes, a host's own address for a node on a
 *                host of its own (docs/DEPLOY.md)
 * @param service run until the process is stopped (SIGTERM) and ignore standard input, as a service on a host
 *                of its own does; otherwise run until standard input ends, as the lab's node processes do
 * @param threads the threads requests are served on ({@link NodeThreads}); null means {@code virtual}
 */
public record StandaloneNode(String id, ClusterKind kind, int port, String redisUrl, int redisReplicasToWait,
                             Path keyFile, boolean jwtRevocation, boolean sharedThrottle, boolean https,
                             String host, boolean service, URI jwksUrl, NodeThreads threads) {
    private static final long REPORT_MILLIS = 100;

    public StandaloneNode {
        threads = threads == null ? NodeThreads.VIRTUAL : threads;
    }

    /** Runs the node until standard input ends; answers the exit code. */
    public int run(PrintStream out) throws Exception {
        SessionPolicy policy = SessionPolicy.standard();
        // The public keys first: a JWK set URL that does not answer stops the start here, before any port is bound.
        RemoteJwks remote = jwksUrl == null ? null : RemoteJwks.fetch(jwksUrl);
        JwtKeys keys = keyFile == null ? JwtKeys.generate(policy.idle(), policy.clock())
                : JwtKeys.fromExport(readKeys(keyFile), policy.idle(), policy.clock());
        QueuedThreadPool pool = threads.newPool("node");
        pool.start();
        Path disks = Files.createTempDirectory("statelab-node-" + id + "-");
        try (SessionStrategies strategies = remote == null
                ? new SessionStrategies(policy, redisUrl, redisReplicasToWait, keys, jwtRevocation, sharedThrottle, disks)
                : SessionStrategies.verifyingOnly(policy, redisUrl, redisReplicasToWait, remote, jwksUrl.toString(),
                        jwtRevocation, sharedThrottle, disks)) {
            UserDirectory users = InternalUser.addFromEnvironment(UserDirectory.demo());
            RunningNode node = new InProcessNodeLauncher(strategies, users, new SessionCookies(https), pool)
                    .listenOn(host).launch(id, kind, port);
            out.println("ready " + node.uri().getPort());
            out.flush();
            Thread reporter = Thread.ofPlatform().daemon().name("sessions-report").start(() -> report(node, out));
            if (service) {
                untilStopped();
            } else {
                follow(strategies, keys, out);
            }
            reporter.interrupt();
            node.kill();
        } finally {
            pool.stop();
            statelab.node.NodeStores.deleteTree(disks);
        }
        return 0;
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    private static void untilStopped() throws InterruptedException {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "node-stop"));
        stop.await();
    }

    /** Applies the lab's commands until its end of the pipe closes. */
    private void follow(SessionStrategies strategies, JwtKeys keys, PrintStream out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.strip();
            try {
                switch (command) {
                    case "jwt-keys" -> keys.load(readKeys(keyFile));
                    case "jwt-revocation on" -> strategies.setJwtRevocation(true);
                    case "jwt-revocation off" -> strategies.setJwtRevocation(false);
                    default -> {
                        out.println("error unknown command");
                        out.flush();
                        continue;
                    }
                }
                synchronized (out) {
                    out.println("ok " + command);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                synchronized (out) {
                    out.println("error " + command + ": " + e.getMessage());
                    out.flush();
                }
            }
        }
    }

    private static void report(RunningNode node, PrintStream out) {
        int last = -1;
        while (!Thread.currentThread().isInterrupted()) {
            int now = node.sessionsHeld();
            if (now != last) {
                synchronized (out) {
                    out.println("sessions " + now);
                    out.flush();
                }
                last = now;
            }
            try {
                Thread.sleep(REPORT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static JWKSet readKeys(Path file) throws IOException {
        if (file == null) {
            throw new IOException("this node was started without a key file");
        }
        try {
            return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException("the key file " + file + " is not a JWK set", e);
        }
    }
}
