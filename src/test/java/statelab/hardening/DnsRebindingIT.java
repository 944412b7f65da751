package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.TestLab;
import statelab.lab.Cluster;

/**
 * A page on evil.example whose name was rebound to 127.0.0.1 reaches the lab's page server with
 * {@code Host: evil.example:PORT} and a matching Origin: it must get nothing (no state, with its
 * live cookies; no action; no files). The same one policy refuses {@code Sec-Fetch-Site: cross-site}
 * on the page and, through every balancer, on the nodes.
 */
class DnsRebindingIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard().withPage();

    @Test
    void a_foreign_host_gets_no_state_no_action_and_no_page() {
        String rebound = "evil.example:" + testLab.page().getPort();
        List<String> origin = List.of("Host: " + rebound, "Origin: http://" + rebound);

        RawHttp.Answer state = send("GET", "/api/state", origin, "");
        RawHttp.Answer kill = send("POST", "/api/lab/nodes/S1/kill", origin, "");
        RawHttp.Answer events = send("GET", "/api/events", origin, "");
        RawHttp.Answer index = send("GET", "/", List.of("Host: " + rebound), "");

        for (RawHttp.Answer answer : List.of(state, kill, events, index)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(421);
            assertThat(answer.body()).contains("\"kind\":\"unknown-host\"").doesNotContain("sessionKeys");
        }
        assertThat(testLab.lab().clusters()).allSatisfy(c -> assertThat(c.nodes().get(0).up()).isTrue());
    }

    @Test
    void the_loopback_names_on_the_page_s_port_are_served() {
        for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
            RawHttp.Answer state = send("GET", "/api/state", List.of("Host: " + host + ":" + testLab.page().getPort()), "");

            assertThat(state.status()).as(host).isEqualTo(200);
        }
        assertThat(send("GET", "/api/state", List.of("Host: localhost:1"), "").status()).isEqualTo(421);
    }

    @Test
    void a_browser_saying_cross_site_is_refused_by_the_page_and_by_every_cluster() {
        List<String> crossSite = List.of("Sec-Fetch-Site: cross-site", "Content-Type: application/json");
        List<RawHttp.Answer> answers = new ArrayList<>();
        answers.add(send("POST", "/api/lab/nodes/S1/kill", crossSite, ""));
        answers.add(send("GET", "/api/state", crossSite, ""));
        for (Cluster cluster : testLab.lab().clusters()) {
            byte[] login = TestLab.ALICE_LOGIN.getBytes(StandardCharsets.UTF_8);
            List<String> headers = new ArrayList<>(crossSite);
            headers.add("Content-Length: " + login.length);
            answers.add(RawHttp.answerOnly(cluster.lbUri(), RawHttp.request("POST", "/login", cluster.lbUri(), headers, login)));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.body()).contains("\"kind\":\"cross-site-request\"");
        });
        assertThat(testLab.lab().clusters()).allSatisfy(c -> assertThat(c.nodes().get(0).up()).isTrue());
    }

    private static RawHttp.Answer send(String method, String path, List<String> headers, String body) {
        return RawHttp.answerOnly(testLab.page(), RawHttp.request(method, path, testLab.page(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }
}
