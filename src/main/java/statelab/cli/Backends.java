package statelab.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Asks each node a balancer is to front for {@code /health} before it starts, and names every one that does not answer 200. */
final class Backends {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Backends() {
    }

    /** Throws IllegalStateException (exit 1, one line) listing the backends that did not answer 200 to /health. */
    static void requireHealthy(List<URI> backends) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            for (URI backend : backends) {
                try {
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(backend.resolve("/health")).timeout(TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        problems.add(backend + " answered /health with " + answer.statusCode());
                    }
                } catch (IOException e) {
                    problems.add(backend + " did not answer (" + Targets.describe(e) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("unreachable backends: " + String.join("; ", problems)
                    + ". Start each node first (statelab node), then the balancer.");
        }
    }
}
