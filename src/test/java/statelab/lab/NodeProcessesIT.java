package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.Waits;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.scenario.Scenario;
import statelab.scenario.ScenarioReport;
import statelab.scenario.ScenarioRunner;
import statelab.scenario.Scenarios;
import statelab.session.FailureKind;

/**
 * With --node-processes every node is a JVM of its own, and the lesson comes out the same in all four
 * clusters: the seed's exact rows, totals and verdicts, S1's process gone after its kill. One lab of
 * twelve node processes serves every test here. in-memory also shows the session count crossing the
 * process boundary, jwt the key file and the deny-list switch.
 */
class NodeProcessesIT {
    private static TestLab testLab;
    private static ScenarioReport seed;
    private static final Map<String, Long> PIDS_BEFORE_SEED = new HashMap<>();
    private static final List<String> ROUND_ROBIN = List.of("S1 success", "S2 success", "S3 success", "S1 success",
            "S2 success", "S3 success", "S2 success", "S3 success");

    @BeforeAll
    static void run_the_seed_on_node_processes() throws Exception {
        testLab = TestLab.start(LabConfig.standard().withNodeProcesses(true));
        for (Cluster cluster : testLab.lab().clusters()) {
            cluster.nodes().forEach(n -> PIDS_BEFORE_SEED.put(cluster.kind().key() + "/" + n.id(), n.pid()));
        }
        signInOnceOnEveryS1();
        Scenario scenario = Scenarios.seed();
        try (ScenarioRunner runner = new ScenarioRunner(testLab.lab(), scenario.users())) {
            seed = runner.run(scenario, step -> { });
        }
    }

    /**
     * A node process meets its first sign-in cold: its first Redis connection and a password hash the
     * compiler has not seen (node processes run the client compiler only). On a busy machine that can
     * outlast the scenario's 30 s request timeout when four clusters sign in at once, so each S1 signs
     * the lab's internal user in first, straight to the node (the balancers' round-robin is left
     * untouched), with time to spare.
     */
    private static void signInOnceOnEveryS1() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> answers = new ArrayList<>();
        for (Cluster cluster : testLab.lab().clusters()) {
            java.net.http.HttpRequest login = java.net.http.HttpRequest.newBuilder(cluster.nodes().get(0).url().resolve("/login"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(testLab.lab().internalUser().loginBody())).build();
            answers.add(http.sendAsync(login, java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            // Past the requests' own 120 s timeout, the sign-in can only be stuck in the client.
            var signIn = Waits.get(answer, Duration.ofSeconds(150), "a first sign-in on a node process");
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop_lab() {
        testLab.close();
        assertThat(PIDS_BEFORE_SEED.values()).as("no node process outlives the lab")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void every_node_is_a_process_of_its_own() {
        assertThat(PIDS_BEFORE_SEED).hasSize(12);
        assertThat(PIDS_BEFORE_SEED.values()).doesNotHaveDuplicates()
                .allMatch(pid -> pid > 0 && pid != ProcessHandle.current().pid());
    }

    @Test
    void the_seed_gives_the_lesson_s_totals_in_all_four_clusters() {
        Map<String, int[]> expected = Map.of("in-memory", new int[] {2, 6}, "sticky", new int[] {4, 4},
                "redis", new int[] {8, 0}, "jwt", new int[] {8, 0});
        expected.forEach((strategy, totals) -> {
            ScenarioReport.Totals t = seed.totals(strategy);
            assertThat(new int[] {t.success(), t.failure()}).as(strategy + " " + row(strategy)).containsExactly(totals);
            assertThat(t.byKind()).as(strategy).doesNotContainKey(FailureKind.NODE_DOWN.key());
        });
    }

    @Test
    void the_seed_gives_the_lesson_s_rows() {
        assertThat(row("in-memory")).containsExactly("S1 success", "S2 failure not-recognised", "S3 failure not-recognised",
                "S1 success", "S2 failure not-recognised", "S3 failure not-recognised", "S2 failure not-recognised",
                "S3 failure not-recognised");
        List<String> sticky = row("sticky");
        assertThat(sticky.subList(0, 4)).containsOnly("S1 success");
        assertThat(sticky.get(4)).isIn("S2 failure not-recognised", "S3 failure not-recognised");
        assertThat(sticky.subList(4, 8)).containsOnly(sticky.get(4));
        assertThat(row("redis")).isEqualTo(ROUND_ROBIN);
        assertThat(row("jwt")).isEqualTo(ROUND_ROBIN);
    }

    @Test
    void the_seed_s_verdicts_hold() {
        assertThat(seed.verdict("in-memory")).startsWith("2 of 8 requests succeeded").contains("Only S1");
        assertThat(seed.verdict("sticky")).startsWith("4 of 8 requests succeeded").contains("until it crashed");
        assertThat(seed.verdict("redis")).startsWith("8 of 8 requests succeeded").contains("lost nothing");
        assertThat(seed.verdict("jwt")).startsWith("8 of 8 requests succeeded");
    }

    @Test
    void kill_is_sigkill_the_process_is_gone_and_the_node_reports_no_pid() {
        assertThat(testLab.lab().clusters()).extracting(c -> c.kind().key()).containsExactly("in-memory", "sticky", "redis", "jwt");
        for (Cluster cluster : testLab.lab().clusters()) {
            String kind = cluster.kind().key();
            long pid = PIDS_BEFORE_SEED.get(kind + "/S1");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(kind + " S1").isFalse();
            NodeView s1 = cluster.nodes().get(0);
            assertThat(s1.up()).isFalse();
            assertThat(s1.pid()).isZero();
            for (String survivor : List.of("S2", "S3")) {
                long alive = PIDS_BEFORE_SEED.get(kind + "/" + survivor);
                assertThat(ProcessHandle.of(alive).map(ProcessHandle::isAlive).orElse(false)).as(kind + " " + survivor).isTrue();
            }
        }
    }

    @Test
    void the_lab_s_internal_user_signs_in_on_a_node_process() {
        NodeView node = testLab.lab().cluster(Strategy.JWT).nodes().stream().filter(NodeView::up).findFirst().orElseThrow();
        try (LabClient probe = LabClient.direct(node.url(), Strategy.JWT)) {
            RequestResult login = probe.send("POST", "/login", testLab.lab().internalUser().loginBody());

            assertThat(login.succeeded()).as(login.summary()).isTrue();
        }
    }

    @Test
    void a_node_s_session_count_crosses_the_process_boundary() {
        Cluster cluster = testLab.lab().cluster(Strategy.IN_MEMORY);
        int before = cluster.nodes().stream().mapToInt(NodeView::sessions).sum();

        testLab.signedInAlice(Strategy.IN_MEMORY);

        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.nodes().stream().mapToInt(NodeView::sessions).sum() == before + 1);
    }

    @Test
    void a_key_rotation_reaches_the_running_nodes_and_old_tokens_still_verify() {
        LabClient before = testLab.signedInAlice(Strategy.JWT);

        String kid = testLab.lab().rotateJwtKey();
        LabClient after = testLab.signedInAlice(Strategy.JWT);
        List<RequestResult> oldToken = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            oldToken.add(before.send("GET", "/profile", null));
        }

        assertThat(keyId(after.jar().get(testLab.lab().credentialCookie(Strategy.JWT)))).isEqualTo(kid);
        assertThat(oldToken).allMatch(RequestResult::succeeded);
    }

    @Test
    void the_deny_list_switch_reaches_the_running_nodes() {
        testLab.lab().setJwtRevocation(true);
        try {
            LabClient bob = testLab.client(Strategy.JWT);
            bob.send("POST", "/login", TestLab.BOB_LOGIN);
            String cookie = testLab.lab().credentialCookie(Strategy.JWT);
            String token = bob.jar().get(cookie);
            bob.send("POST", "/logout", null);
            LabClient thief = testLab.client(Strategy.JWT);
            thief.jar().put(cookie, token);

            RequestResult first = thief.send("GET", "/profile", null);
            RequestResult second = thief.send("GET", "/profile", null);

            assertThat(List.of(first, second)).extracting(RequestResult::kind).containsOnly(FailureKind.REVOKED.key());
            assertThat(first.node()).isNotEqualTo(second.node());
        } finally {
            testLab.lab().setJwtRevocation(false);
        }
    }

    private static List<String> row(String strategy) {
        List<String> cells = new ArrayList<>();
        seed.results(strategy).forEach(r -> cells.add(r.summary()));
        return cells;
    }

    private static String keyId(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        int at = header.indexOf("\"kid\":\"") + 7;
        return header.substring(at, header.indexOf('"', at));
    }
}
