package statelab.scenario;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.Strategy;
import statelab.session.FailureKind;
import statelab.session.jwt.TokenVerifier;
import statelab.json.Json;

/**
 * One user's browser against one cluster: real HTTP through the cluster's balancer, with its own
 * cookie jar (so the sticky cluster's affinity cookie works as it would in a browser), and a record
 * of what crossed the wire.
 */
public final class LabClient implements AutoCloseable {
    /** Long enough for a first sign-in on a cold, busy machine (a deliberately slow password hash). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI balancer;
    private final String credentialCookie;
    private final TokenInspector tokens;
    private final CookieJar jar = new CookieJar();
    private final HttpClient http;

    /**
     * @param credentialCookie the cookie that carries the credential ({@code sid}, {@code token})
     * @param tokens           decodes jwt credentials for the wire view; null for other strategies
     */
    LabClient(URI balancer, String credentialCookie, TokenInspector tokens, SSLContext tls) {
        this.balancer = balancer;
        this.credentialCookie = credentialCookie;
        this.tokens = tokens;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** A fresh client (empty cookie jar) for one cluster of a lab. */
    public static LabClient forCluster(Lab lab, Cluster cluster) {
        Strategy strategy = cluster.strategy();
        TokenInspector tokens = strategy.kind().carriesToken()
                ? new TokenInspector(TokenVerifier.builder(lab::jwtPublicKeys).clock(lab.config().sessionPolicy().clock()).build()) : null;
        return new LabClient(cluster.lbUri(), lab.credentialCookie(strategy), tokens, lab.clientTls().orElse(null));
    }

    /** A fresh client straight to one URI (a node, bypassing the balancer), for the given strategy's cookie. */
    public static LabClient direct(URI uri, Strategy strategy) {
        return new LabClient(uri, strategy.credentialCookie(), null, null);
    }

    public URI target() {
        return balancer;
    }

    public CookieJar jar() {
        return jar;
    }

    /** Sends one request; never throws for a failed exchange, it becomes a failure result. */
    public RequestResult send(String method, String path, String jsonBody) {
        String cookies = jar.header();
        HttpRequest.Builder request = HttpRequest.newBuilder(balancer.resolve(path)).timeout(TIMEOUT)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        String credential = jar.get(credentialCookie);
        TokenView token = tokens == null ? null : tokens.inspect(credential);
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - started) / 1_000;
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            jar.accept(setCookies);
            if (token == null && tokens != null) {
                token = tokens.inspect(jar.get(credentialCookie));
            }
            return classify(method, path, response, micros, new Wire(cookies, setCookies,
                    response.headers().firstValue("X-Served-By").orElse(null), storeCommands(response),
                    sessionMicros(response), credentialBytes(cookies), token, body(response.body())));
        } catch (IOException e) {
            long micros = (System.nanoTime() - started) / 1_000;
            Wire wire = new Wire(cookies, List.of(), null, List.of(), null, credentialBytes(cookies), token,
                    Map.of("error", String.valueOf(e)));
            return new RequestResult(method, path, null, 0, FailureKind.NODE_DOWN, micros, wire);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + method + " " + path, e);
        }
    }

    private static RequestResult classify(String method, String path, HttpResponse<byte[]> response,
                                          long micros, Wire wire) {
        int status = response.statusCode();
        Object user = wire.body() == null ? null : wire.body().get("user");
        if (status / 100 == 2 && user != null) {
            return new RequestResult(method, path, wire.servedBy(), status, Outcome.SUCCESS, null, micros, wire);
        }
        return new RequestResult(method, path, wire.servedBy(), status, Outcome.FAILURE, kindOf(status, wire.body()), micros, wire);
    }

    /**
     * The kind the answer's problem body names (its {@code kind}, else the last part of its {@code type}),
     * whether or not it is a session failure kind; without one, what the status says: a gateway error is
     * {@code node-down}, a 401 or a 2xx without a user {@code not-recognised}, any other {@code http-STATUS}.
     */
    static String kindOf(int status, Map<String, Object> body) {
        Object kind = body == null ? null : body.get("kind");
        if (kind instanceof String key && !key.isBlank()) {
            return key;
        }
        Object type = body == null ? null : body.get("type");
        if (type instanceof String uri && !uri.isBlank() && !uri.equals("about:blank")) {
            return uri.substring(Math.max(uri.lastIndexOf(':'), uri.lastIndexOf('/')) + 1);
        }
        if (status == 502 || status == 503 || status == 504) {
            return FailureKind.NODE_DOWN.key();
        }
        return status == 401 || status / 100 == 2 ? FailureKind.NOT_RECOGNISED.key() : "http-" + status;
    }

    private static List<String> storeCommands(HttpResponse<?> response) {
        return response.headers().firstValue("X-Store-Commands")
                .map(v -> Arrays.asList(v.trim().split("\\s+"))).orElse(List.of());
    }

    /** The node's {@code Server-Timing: session;dur=<ms>} in microseconds. */
    private static Double sessionMicros(HttpResponse<?> response) {
        for (String value : response.headers().allValues("Server-Timing")) {
            for (String metric : value.split(",")) {
                String[] parts = metric.trim().split(";");
                if (!parts[0].equals("session")) {
                    continue;
                }
                for (String parameter : parts) {
                    if (parameter.startsWith("dur=")) {
                        try {
                            return Double.parseDouble(parameter.substring(4)) * 1000.0;
                        } catch (NumberFormatException e) {
                            return null;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static int credentialBytes(String cookies) {
        return cookies.isEmpty() ? 0 : ("Cookie: " + cookies).getBytes(StandardCharsets.US_ASCII).length;
    }

    private static Map<String, Object> body(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return Json.mapReader().readValue(bytes);
        } catch (IOException e) {
            return Map.of("text", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
