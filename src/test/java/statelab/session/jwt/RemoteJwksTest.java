package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import statelab.session.MutableClock;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/** Public keys over real HTTP on loopback: fetched at start, again on an unknown kid, within limits. */
class RemoteJwksTest {
    private final MutableClock clock = new MutableClock();
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), clock);
    private final JwtKeys issuerKeys = JwtKeys.generate(Duration.ofMinutes(15), clock);
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private URI address;

    @BeforeEach
    void serve_the_issuer_s_keys() throws IOException {
        body.set(issuerKeys.publicKeys().toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        address = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteJwks remote() throws IOException {
        return RemoteJwks.fetch(address, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5), clock);
    }

    private String token() {
        return TokenIssuer.signingWith(issuerKeys, policy).issue(new Session("alice", clock.instant(), Map.of()));
    }

    @Test
    void a_token_signed_by_the_issuer_verifies_with_the_fetched_keys() throws IOException {
        TokenVerifier verifier = TokenVerifier.builder(remote()).clock(clock).build();

        assertThat(Outcomes.verified(verifier.verify(token())).session().user()).isEqualTo("alice");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void only_public_halves_are_kept_even_when_the_answer_holds_a_private_key() throws IOException {
        body.set(issuerKeys.exportWithSigningKey().toString(false));

        assertThat(remote().current().getKeys()).allMatch(key -> !key.isPrivate()).isNotEmpty();
    }

    @Test
    void after_a_rotation_the_new_kid_is_fetched_once_and_then_not_again_within_the_interval() throws IOException {
        RemoteJwks remote = remote();
        TokenVerifier verifier = TokenVerifier.builder(remote).clock(clock).cacheEntries(0).build();
        issuerKeys.rotate();
        body.set(issuerKeys.publicKeys().toString());
        clock.advance(Duration.ofSeconds(6));

        assertThat(verifier.verify(token())).as("signed with the new key").isInstanceOf(TokenVerifier.Verified.class);
        assertThat(fetches).hasValue(2);

        String stranger = TokenIssuer.signingWith(JwtKeys.generate(Duration.ofMinutes(15), clock), policy)
                .issue(new Session("mallory", clock.instant(), Map.of()));
        for (int i = 0; i < 20; i++) {
            assertThat(verifier.verify(stranger)).isInstanceOf(TokenVerifier.Refused.class);
        }
        assertThat(fetches).as("unknown kids do not make a fetch each").hasValue(2);
    }

    @Test
    void keys_older_than_the_maximum_age_are_fetched_again_and_a_failed_fetch_keeps_them() throws IOException {
        RemoteJwks remote = remote();
        TokenVerifier verifier = TokenVerifier.builder(remote).clock(clock).build();
        body.set("not json");
        clock.advance(Duration.ofMinutes(6));

        assertThat(verifier.verify(token())).as("kept after a failed refetch").isInstanceOf(TokenVerifier.Verified.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void an_address_where_nothing_answers_fails_at_once_with_the_address() {
        URI nowhere = URI.create("http://127.0.0.1:1/.well-known/jwks.json");

        assertThatThrownBy(() -> RemoteJwks.fetch(nowhere)).isInstanceOf(IOException.class)
                .hasMessageContaining("could not fetch the JWK set at " + nowhere);
    }

    @Test
    void an_answer_that_is_no_jwk_set_or_has_no_usable_key_fails_at_once() {
        body.set("{\"keys\": [not json");
        assertThatThrownBy(this::remote).isInstanceOf(IOException.class).hasMessageContaining("is not a JWK set");

        body.set("{\"keys\": []}");
        assertThatThrownBy(this::remote).isInstanceOf(IOException.class).hasMessageContaining("holds no P-256 key");
    }

    @Test
    void an_answer_larger_than_the_limit_is_refused() {
        body.set("{\"keys\": [], \"pad\": \"" + "x".repeat(RemoteJwks.MAX_BYTES) + "\"}");

        assertThatThrownBy(this::remote).isInstanceOf(IOException.class).hasMessageContaining("could not fetch");
    }

    @Test
    void only_http_and_https_are_taken() {
        assertThatThrownBy(() -> RemoteJwks.fetch(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
    }
}
