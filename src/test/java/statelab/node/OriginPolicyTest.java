package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.node.OriginPolicy.Verdict;

class OriginPolicyTest {
    private final OriginPolicy page = OriginPolicy.servedOn(List.of("lab.example", "tunnel.example:9000"));
    private final OriginPolicy node = OriginPolicy.anyHost();

    @Test
    void the_page_answers_the_loopback_names_on_its_own_port_only() {
        assertThat(page.judge("localhost:8080", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("127.0.0.1:8080", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("[::1]:8080", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("LOCALHOST:8080", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("localhost:9090", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge("localhost", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
    }

    @Test
    void a_rebound_name_is_refused_even_with_a_matching_origin() {
        assertThat(page.judge("evil.example:8080", 8080, "http://evil.example:8080", null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge("localhost.evil.example:8080", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge(null, 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge("", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge("user@localhost:8080", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
        assertThat(page.judge("[::1:8080", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
    }

    @Test
    void configured_names_pass_on_any_port_or_on_theirs() {
        assertThat(page.judge("lab.example:1234", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("tunnel.example:9000", 8080, null, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("tunnel.example:9001", 8080, null, null)).isEqualTo(Verdict.FOREIGN_HOST);
    }

    @Test
    void a_browser_saying_cross_site_is_refused_by_page_and_node() {
        assertThat(page.judge("localhost:8080", 8080, null, "cross-site")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(node.judge("127.0.0.1:7001", 7001, null, "Cross-Site")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(node.judge("127.0.0.1:7001", 7001, null, "same-origin")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void an_origin_must_name_the_host_and_port_asked_for() {
        assertThat(page.judge("localhost:8080", 8080, "http://localhost:8080", null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("localhost:8080", 8080, "http://LOCALHOST:8080", null)).isEqualTo(Verdict.ALLOWED);
        assertThat(page.judge("localhost:8080", 8080, "http://localhost:9090", null)).isEqualTo(Verdict.FOREIGN_ORIGIN);
        assertThat(page.judge("localhost:8080", 8080, "https://evil.example", null)).isEqualTo(Verdict.FOREIGN_ORIGIN);
        assertThat(page.judge("localhost:8080", 8080, "null", null)).isEqualTo(Verdict.FOREIGN_ORIGIN);
        assertThat(page.judge("localhost:8080", 8080, "not a uri", null)).isEqualTo(Verdict.FOREIGN_ORIGIN);
        assertThat(node.judge("any.name:80", 7001, "http://any.name", null)).isEqualTo(Verdict.ALLOWED);
        assertThat(node.judge("any.name:443", 7001, "https://any.name", null)).isEqualTo(Verdict.ALLOWED);
        assertThat(node.judge(null, 7001, "http://any.name", null)).isEqualTo(Verdict.FOREIGN_ORIGIN);
    }

    @Test
    void nodes_answer_any_host_name() {
        assertThat(node.judge("evil.example:7001", 7001, null, null)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void refusals_never_repeat_the_request() {
        for (Verdict verdict : Verdict.values()) {
            assertThat(verdict.detail()).doesNotContain("evil");
        }
    }
}
