package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import statelab.TestLab;
import statelab.hardening.Hostile.Expected;
import statelab.hardening.Hostile.Target;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.SessionPolicy;

/**
 * Every hostile input, sent straight to a node (S2) and through the balancer of every cluster, gets
 * a clear 4xx RFC 9457 problem (or, for a framing the server cannot parse, a 400 problem and a closed
 * connection): never a 5xx, never an HTML page or a stack trace. Bob, signed in before, still is after.
 * The catalogue with expected and observed outcomes is docs/SECURITY-TESTS.md.
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger CANARY_HITS = new AtomicInteger();
    private static final ShiftedClock CLOCK = new ShiftedClock();

    private static TestLab testLab;
    private static HttpServer canary;
    private static final Map<Strategy, LabClient> BOB = new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<Hostile> TOKEN_ATTACKS = new ArrayList<>();

    @BeforeAll
    static void start_lab_sign_bob_in_and_forge_tokens() throws Exception {
        testLab = TestLab.start(LabConfig.standard()
                .withSessionPolicy(new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), CLOCK)));
        canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            CANARY_HITS.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        canary.start();
        String expired = tokenIssuedWithClockShiftedBy(Duration.ofHours(-1));
        String notYetValid = tokenIssuedWithClockShiftedBy(Duration.ofHours(1));
        CLOCK.shift(Duration.ZERO);
        String genuine = testLab.signedInAlice(Strategy.JWT).jar().get("token");
        URI canaryUri = URI.create("http://127.0.0.1:" + canary.getAddress().getPort() + "/keys.json");
        new ForgedTokens(testLab.lab().jwtPublicKeys(), genuine, canaryUri).all()
                .forEach((name, token) -> addTokenAttack(name, token, Expected.of(401, "bad-credential")));
        addTokenAttack("genuinely signed by the lab, expired an hour ago", expired, Expected.of(401, "expired"));
        addTokenAttack("genuinely signed by the lab, valid only from an hour from now", notYetValid, Expected.of(401, "bad-credential"));
        for (Strategy strategy : Strategy.values()) {
            BOB.put(strategy, signedInBob(strategy));
        }
    }

    @AfterAll
    static void stop_lab() {
        if (canary != null) {
            canary.stop(0);
        }
        if (testLab != null) {
            testLab.close();
        }
    }

    static Stream<Arguments> hostile_inputs() {
        List<Hostile> inputs = new ArrayList<>();
        inputs.addAll(HostileRequests.cookiesAndHeaders());
        inputs.addAll(HostileRequests.bodies());
        inputs.addAll(HostileRequests.methodsAndPaths());
        inputs.addAll(Framings.refused());
        inputs.addAll(Framings.tolerated());
        inputs.addAll(TOKEN_ATTACKS);
        System.out.println("HostileInputIT: " + inputs.size() + " hostile inputs x " + Target.all().size() + " targets");
        return inputs.stream().flatMap(input -> Target.all().stream()
                .filter(target -> input.viaLb() || !target.viaLb())
                .map(target -> Arguments.of(input, target)));
    }

    @ParameterizedTest(name = "[{1}] {0}")
    @MethodSource("hostile_inputs")
    void a_hostile_input_gets_a_clean_4xx_problem_and_bob_stays_signed_in(Hostile input, Target target) throws Exception {
        URI uri = target.uri(testLab.lab());

        RawHttp.Answer answer = RawHttp.exchange(uri, input.request().apply(target, uri));

        assertCleanProblem(answer, input.expected().apply(target));
        if (input.framing()) {
            assertThat(answer.closedAfter()).as("the server closes a connection whose framing it refused").isTrue();
        }
        assertThat(CANARY_HITS).as("no node fetched a key from a URL a token named").hasValue(0);
        assertBobStillSignedIn(target.strategy());
    }

    static void assertCleanProblem(RawHttp.Answer answer, Expected expected) throws Exception {
        boolean protocolAnswer = expected.statusByKind().containsValue(505);
        assertThat(answer.status()).as("a 4xx, never a 5xx: %s", answer).isBetween(400, protocolAnswer ? 505 : 499);
        assertNoLeak(answer.body());
        assertThat(answer.header("Content-Type")).as("problem+json: %s", answer)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(answer.body());
        for (String member : new String[] {"type", "title", "status", "detail", "kind"}) {
            assertThat(body.hasNonNull(member)).as("problem member %s in %s", member, answer.body()).isTrue();
        }
        String kind = body.get("kind").asText();
        assertThat(expected.statusByKind()).as("expected %s, got %s", expected, answer).containsKey(kind);
        assertThat(answer.status()).as("status of %s", kind).isEqualTo(expected.statusByKind().get(kind));
        assertThat(body.get("status").asInt()).isEqualTo(answer.status());
        assertThat(body.get("type").asText()).isEqualTo("urn:statelab:problem:" + kind);
    }

    /** No HTML error page, no stack trace, no exception or internal class name. */
    static void assertNoLeak(String body) {
        assertThat(body).doesNotContainIgnoringCase("<html").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContainPattern("\\.java:\\d+")
                .doesNotContainPattern("\\b(java|javax|jdk|sun|org|com|io|statelab)\\.[a-z]\\w*\\.[A-Za-z]");
    }

    private static void addTokenAttack(String name, String token, Expected onJwt) {
        TOKEN_ATTACKS.add(Hostile.plain(name + ", as a cookie",
                t -> t.jwt() ? onJwt : Expected.of(401, "not-recognised", "bad-credential"),
                (t, host) -> Hostile.get("/profile", host, "Cookie: " + t.cookie() + "=" + token)));
        TOKEN_ATTACKS.add(Hostile.plain(name + ", as a Bearer token",
                t -> t.jwt() ? onJwt : Expected.of(401, "not-recognised"),
                (t, host) -> Hostile.get("/profile", host, "Authorization: Bearer " + token)));
    }

    private static String tokenIssuedWithClockShiftedBy(Duration shift) {
        CLOCK.shift(shift);
        return testLab.signedInAlice(Strategy.JWT).jar().get("token");
    }

    /**
     * Bob signed in through the cluster's balancer. In the in-memory cluster his session lives on the
     * node that took his login only, so he is checked there, straight; elsewhere through the balancer.
     */
    private static LabClient signedInBob(Strategy strategy) {
        LabClient bob = testLab.client(strategy);
        RequestResult login = bob.send("POST", "/login", TestLab.BOB_LOGIN);
        assertThat(login.succeeded()).as("bob signs in on %s: %s", strategy, login.summary()).isTrue();
        if (strategy != Strategy.IN_MEMORY) {
            return bob;
        }
        URI home = testLab.lab().cluster(strategy).nodes().stream().filter(n -> n.id().equals(login.node()))
                .findFirst().orElseThrow().url();
        LabClient atHome = testLab.own(LabClient.direct(home, strategy));
        atHome.jar().put(strategy.credentialCookie(), bob.jar().get(strategy.credentialCookie()));
        return atHome;
    }

    private static void assertBobStillSignedIn(Strategy strategy) {
        RequestResult profile = BOB.get(strategy).send("GET", "/profile", null);
        assertThat(profile.succeeded()).as("bob on %s after the attack: %s", strategy, profile.summary()).isTrue();
        assertThat(profile.wire().body()).containsEntry("user", "bob");
    }
}
