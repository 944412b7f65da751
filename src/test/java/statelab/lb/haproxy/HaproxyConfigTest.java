package statelab.lb.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {
    private static final List<URI> NODES = List.of(URI.create("http://127.0.0.1:40001"), URI.create("http://127.0.0.1:40002"));

    private static HaproxyConfig config(String policy, Path pem) {
        return new HaproxyConfig("127.0.0.1:8081", policy, NODES, Path.of("/tmp/x/admin.sock"), Path.of("/tmp/x"), pem, "k3y");
    }

    @Test
    void round_robin_lists_the_servers_in_order_with_the_lab_s_checks_and_retries() {
        String text = config("round-robin", null).text();

        assertThat(text).contains("balance roundrobin", "option httpchk GET /health", "retry-on conn-failure",
                "option redispatch", "http-request wait-for-body time 10s", "bind 127.0.0.1:8081\n",
                "check inter 250ms rise 1 fall 3", "on-error mark-down", "stats socket /tmp/x/admin.sock mode 600 level admin");
        assertThat(text.indexOf("server node-40001 127.0.0.1:40001")).isLessThan(text.indexOf("server node-40002 127.0.0.1:40002"));
        assertThat(text).doesNotContain("cookie lb");
    }

    @Test
    void sticky_inserts_an_http_only_cookie_and_over_https_a_secure_one() {
        assertThat(config("sticky-cookie", null).text())
                .contains("cookie lb insert indirect nocache httponly dynamic attr \"SameSite=Lax\"", "dynamic-cookie-key k3y");
        assertThat(config("sticky-cookie", Path.of("/tmp/x/lb.pem")).text())
                .contains("httponly secure dynamic", "ssl crt /tmp/x/lb.pem");
    }

    @Test
    void bodies_over_1_mib_are_refused_before_buffering_and_errors_are_problem_files() {
        String text = config("round-robin", null).text();

        assertThat(text).contains("deny_status 413 if { req.hdr_val(content-length) gt 1048576 }",
                "errorfile 503 /tmp/x/503.http", "errorfile 502 /tmp/x/502.http", "errorfile 504 /tmp/x/504.http");
        assertThat(text.indexOf("deny_status 413")).isLessThan(text.indexOf("wait-for-body"));
    }

    @Test
    void an_unknown_policy_is_refused() {
        assertThatThrownBy(() -> config("least-conn", null).text()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_503_errorfile_is_a_whole_node_down_problem_answer() {
        String answer = new String(HaproxyErrorPages.response(503), StandardCharsets.UTF_8);

        assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("Content-Type: application/problem+json\r\n", "Retry-After: 1\r\n")
                .contains("\"type\":\"urn:statelab:problem:node-down\"", "\"kind\":\"node-down\"", "\"status\":503");
        int body = answer.indexOf("\r\n\r\n") + 4;
        assertThat(answer).contains("Content-Length: " + answer.substring(body).getBytes(StandardCharsets.UTF_8).length + "\r\n");
    }

    @Test
    void server_states_read_running_and_maintenance() {
        String answer = """
                1
                # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight
                3 nodes 1 node-40001 127.0.0.1 2 0 1 1 7 15 3 3 6 0 0 0 - 40001 - 0 0 - - 0
                3 nodes 2 node-40002 127.0.0.1 0 0 1 1 7 15 3 3 6 0 0 0 - 40002 - 0 0 - - 0
                3 nodes 3 node-40003 127.0.0.1 2 1 1 1 7 15 3 3 6 0 0 0 - 40003 - 0 0 - - 0
                """;

        assertThat(ServerStates.parse(answer)).containsEntry("node-40001", true).containsEntry("node-40002", false)
                .containsEntry("node-40003", false);
    }

    @Test
    void stats_count_forwarded_requests_and_retries() {
        String csv = "# pxname,svname,stot,wretr,wredis,hrsp_5xx,\n"
                + "lb,FRONTEND,9,,,1,\n"
                + "nodes,node-40001,4,,,0,\n"
                + "nodes,node-40002,3,,,0,\n"
                + "nodes,BACKEND,7,2,1,1,\n";

        HaproxyStats stats = HaproxyStats.parse(csv);

        assertThat(stats.forwarded()).isEqualTo(7);
        assertThat(stats.retries()).isEqualTo(3);
        assertThat(stats.nodeDownAnswers()).isEqualTo(1);
        assertThat(stats.serverValue("node-40001", "stot")).isEqualTo(4);
    }
}
