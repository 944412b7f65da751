package statelab.cli;

import java.io.IOException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import statelab.scenario.RemoteTarget;
import statelab.scenario.Scenario;
import statelab.scenario.UnsupportedStepException;

/**
 * Turns {@code run --target KIND=URL} into a {@link RemoteTarget}: every URL must be an
 * {@code http(s)://host:port} balancer that answers, and every step of the scenario must be one the
 * target can take; anything else is a {@link UsageProblem} (exit 2) that says what to change.
 */
final class Targets {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private Targets() {
    }

    static RemoteTarget remote(Map<String, String> given, Map<String, String> onKill, Map<String, String> onRestart,
                               Scenario scenario) throws UsageProblem {
        Map<String, URI> clusters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            clusters.put(entry.getKey(), Urls.balancer("--target " + entry.getKey(), entry.getValue()));
        }
        RemoteTarget target;
        try {
            target = new RemoteTarget(clusters, onKill, onRestart);
            target.requireSupported(scenario);
        } catch (IllegalArgumentException | UnsupportedStepException e) {
            throw new UsageProblem(e.getMessage());
        }
        clusters.forEach(Targets::requireAnswer);
        return target;
    }

    /**
     * The balancer must accept a connection: a refused one or a timeout is a clear error now, not eight
     * failed steps later. Only a TCP connection, no request: a request would move a round-robin
     * balancer's rotation and shift the scenario's table by one node.
     */
    private static void requireAnswer(String key, URI uri) {
        int port = uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) PROBE_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("--target " + key + "=" + uri + " does not answer (" + describe(e) + "); is its balancer running?");
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.net.ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
