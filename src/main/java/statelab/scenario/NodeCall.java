package statelab.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import statelab.json.Json;

/**
 * Plain HTTP for the state labs: one request to a balancer or straight to a node, with a cookie jar
 * and any body (JSON or image bytes). A failed exchange is an answer with status 0, never an exception.
 */
final class NodeCall implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int ATTEMPTS = 3;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** One answer: status (0 when none came), the node that gave it, its body as bytes and, if JSON, parsed. */
    record Answer(int status, String node, byte[] bytes, Map<String, Object> json) {
        boolean ok() {
            return status / 100 == 2;
        }

        Object field(String name) {
            return json == null ? null : json.get(name);
        }

        String summary() {
            return (node == null ? "-" : node) + " " + (status == 0 ? "no answer" : Integer.toString(status));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    Answer json(URI base, String method, String pathAndQuery, String body, CookieJar jar) {
        byte[] bytes = body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(base, method, pathAndQuery, body == null ? null : "application/json", bytes, jar);
    }

    /**
     * Sends the request; a {@code 503 store-down} (the node could not reach Redis in time, which on a busy
     * machine happens to a node's first command) is sent again after its {@code Retry-After}, as a
     * well-behaved client does, up to {@link #ATTEMPTS} times in all. Every request here may be repeated:
     * reads, and writes that set a whole value.
     */
    Answer send(URI base, String method, String pathAndQuery, String contentType, byte[] body, CookieJar jar) {
        Answer answer = once(base, method, pathAndQuery, contentType, body, jar);
        for (int attempt = 1; attempt < ATTEMPTS && answer.status() == 503 && "store-down".equals(answer.field("kind")); attempt++) {
            try {
                Thread.sleep(RETRY_AFTER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = once(base, method, pathAndQuery, contentType, body, jar);
        }
        return answer;
    }

    private Answer once(URI base, String method, String pathAndQuery, String contentType, byte[] body, CookieJar jar) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String cookies = jar == null ? "" : jar.header();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (jar != null) {
                jar.accept(response.headers().allValues("Set-Cookie"));
            }
            String node = response.headers().firstValue("X-Served-By").orElse(null);
            boolean isJson = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
            return new Answer(response.statusCode(), node, response.body(), isJson ? parse(response.body()) : null);
        } catch (IOException e) {
            return new Answer(0, null, new byte[0], null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, new byte[0], null);
        }
    }

    private static Map<String, Object> parse(byte[] bytes) {
        try {
            return Json.mapReader().readValue(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
