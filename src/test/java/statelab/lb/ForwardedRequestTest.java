package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.Test;

class ForwardedRequestTest {
    private final BackendPool pool = new BackendPool();
    private final Backend s1 = pool.add(URI.create("http://127.0.0.1:1001"));
    private final Backend s2 = pool.add(URI.create("http://127.0.0.1:1002"));
    private final ForwardedRequest request = new ForwardedRequest(clientRequest());

    @Test
    void a_first_attempt_leaves_no_backend_and_carries_the_policy_s_cookie() {
        Backend left = request.sendTo(new BalancingPolicy.Choice(s1, "lb=token"));

        assertThat(left).isNull();
        assertThat(request.backend()).isSameAs(s1);
        assertThat(request.setCookie()).isEqualTo("lb=token");
    }

    @Test
    void a_retry_moves_the_request_and_hands_back_the_backend_it_left() {
        request.sendTo(new BalancingPolicy.Choice(s1, null));

        Backend left = request.sendTo(new BalancingPolicy.Choice(s2, "lb=other"));

        assertThat(left).isSameAs(s1);
        assertThat(request.backend()).isSameAs(s2);
        assertThat(request.setCookie()).isEqualTo("lb=other");
    }

    @Test
    void a_finished_request_releases_its_backend_exactly_once() {
        request.sendTo(new BalancingPolicy.Choice(s2, null));

        assertThat(request.leaveBackend()).isSameAs(s2);
        assertThat(request.leaveBackend()).isNull();
        assertThat(request.backend()).isNull();
    }

    @Test
    void failed_attempts_are_counted() {
        request.countFailedAttempt();
        int attempts = request.countFailedAttempt();

        assertThat(attempts).isEqualTo(2);
        assertThat(request.failedAttempts()).isEqualTo(2);
        assertThat(request.answerBegun()).isFalse();
    }

    /** The wrapped request is never read by the state kept here; any call on it would be a bug. */
    private static Request clientRequest() {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
