package statelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The page's API as a test calls it: plain HTTP, answers parsed as JSON. */
final class ApiClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, the raw response (for headers) and the body as JSON (null when empty). */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base) {
        this.base = base;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(response.statusCode(), response, json && !body.isBlank() ? JSON.readTree(body) : null);
        } catch (IOException e) {
            throw new AssertionError("the page's server did not answer " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The state document's cluster of one strategy. */
    static JsonNode cluster(JsonNode state, String strategy) {
        for (JsonNode cluster : state.get("clusters")) {
            if (cluster.get("strategy").asText().equals(strategy)) {
                return cluster;
            }
        }
        throw new AssertionError("no cluster " + strategy + " in " + state);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
