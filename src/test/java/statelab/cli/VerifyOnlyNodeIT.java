package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * A jwt cluster assembled from processes, as on several hosts: S1 holds the signing key, S2 was started
 * with {@code --jwks URL} (S1's published keys) and only verifies, one {@code statelab lb} in front of
 * both. A token S1 signed is recognised by both; S2 refuses to sign anyone in. A JWK set URL that cannot
 * be fetched, or answers no JWK set, stops the node at start with one line and exit code 1.
 */
class VerifyOnlyNodeIT {
    private static final Pattern READY = Pattern.compile("^ready (\\d+)");
    private static final Pattern LISTENING = Pattern.compile("^balancer\\s+(http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private int run(String... args) {
        CommandLine cli = StateLabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void a_token_the_signing_node_issued_is_recognised_by_the_node_started_with_its_jwks_url() throws Exception {
        try (TestLab lab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.JWT)))) {
            String redis = lab.lab().redis().url();
            StatelabProcess signer = lab.own(StatelabProcess.start("node", "--service", "--id", "S1", "--strategy", "jwt",
                    "--port", "0", "--redis", redis));
            String s1 = "http://127.0.0.1:" + signer.awaitLine(READY, Duration.ofSeconds(90));
            StatelabProcess verifier = lab.own(StatelabProcess.start("node", "--service", "--id", "S2", "--strategy", "jwt",
                    "--port", "0", "--redis", redis, "--jwks", s1 + "/.well-known/jwks.json"));
            String s2 = "http://127.0.0.1:" + verifier.awaitLine(READY, Duration.ofSeconds(90));
            StatelabProcess balancer = lab.own(StatelabProcess.start("lb", "--port", "0", "--policy", "round-robin",
                    "--backend", s1, "--backend", s2));
            String lb = balancer.awaitLine(LISTENING, Duration.ofSeconds(90));

            HttpResponse<String> signIn = post(s1 + "/login", TestLab.ALICE_LOGIN);
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            String token = tokenIn(signIn);

            HttpResponse<String> onVerifier = get(s2 + "/profile", token);
            assertThat(onVerifier.statusCode()).as(onVerifier.body()).isEqualTo(200);
            assertThat(JSON.readTree(onVerifier.body()).get("user").asText()).isEqualTo("alice");

            Set<String> servedBy = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> page = get(lb + "/profile", token);
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                servedBy.add(page.headers().firstValue("X-Served-By").orElseThrow());
            }
            assertThat(servedBy).containsExactlyInAnyOrder("S1", "S2");

            HttpResponse<String> refused = post(s2 + "/login", TestLab.ALICE_LOGIN);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(problem.get("kind").asText()).isEqualTo("verify-only");
            assertThat(problem.get("detail").asText()).contains("verifies tokens only").contains(s1);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void a_jwks_url_where_nothing_answers_stops_the_node_with_one_line_and_exit_1() {
        int exit = run("node", "--id", "S2", "--strategy", "jwt", "--port", "0", "--redis", "redis://127.0.0.1:1",
                "--jwks", "http://127.0.0.1:1/.well-known/jwks.json");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("could not fetch the JWK set at http://127.0.0.1:1/.well-known/jwks.json")
                .doesNotContain("\tat ");
    }

    @Test
    void a_jwks_url_that_answers_no_jwk_set_stops_the_node_with_one_line_and_exit_1() throws Exception {
        try (TestLab lab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.IN_MEMORY)))) {
            // A real 200 answer in JSON that is not a JWK set: a node's health.
            String node = lab.lab().cluster(Strategy.IN_MEMORY).nodes().get(0).url().toString();
            String url = node.replaceAll("/$", "") + "/health";

            int exit = run("node", "--id", "S2", "--strategy", "jwt", "--port", "0", "--redis", "redis://127.0.0.1:1",
                    "--jwks", url);

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("the answer of " + url + " is not a JWK set").doesNotContain("\tat ");
        }
    }

    @Test
    void a_jwks_url_for_another_strategy_is_a_usage_mistake() {
        int exit = run("node", "--id", "S2", "--strategy", "redis", "--port", "0", "--redis", "redis://127.0.0.1:1",
                "--jwks", "http://127.0.0.1:1/.well-known/jwks.json");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--jwks URL is for --strategy jwt");
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tokenIn(HttpResponse<String> signIn) {
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = Pattern.compile("token=([^;]+)").matcher(cookie);
        assertThat(m.find()).as(cookie).isTrue();
        return m.group(1);
    }
}
