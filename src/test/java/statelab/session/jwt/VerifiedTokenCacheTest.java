package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.MutableClock;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/** The verified-token cache makes repeats cheap without changing a single answer of the verifier. */
class VerifiedTokenCacheTest {
    private final SessionPolicy policy = SessionPolicy.standard();

    @Test
    void a_token_presented_again_is_recognised_with_the_same_session() {
        JwtKeys keys = JwtKeys.generate();
        TokenVerifier verifier = new TokenVerifier(keys::publicKeys);
        String token = new TokenIssuer(keys, policy).issue(new Session("alice", policy.now(), Map.of("theme", "dark")));

        TokenVerifier.Outcome first = verifier.verify(token);
        TokenVerifier.Outcome again = verifier.verify(String.valueOf(token.toCharArray()));

        assertThat(again.token()).isEqualTo(first.token());
        assertThat(again.reason()).isEqualTo(first.reason());
        assertThat(again.token().session().settings()).containsEntry("theme", "dark");
    }

    @Test
    void a_token_whose_key_was_retired_fails_although_it_was_verified_before() {
        MutableClock clock = new MutableClock();
        JwtKeys keys = JwtKeys.generate(Duration.ofMinutes(1), clock);
        TokenVerifier verifier = new TokenVerifier(keys::publicKeys);
        String token = new TokenIssuer(keys, policy).issue(new Session("alice", policy.now(), Map.of()));
        assertThat(verifier.verify(token).token()).isNotNull();

        keys.rotate();
        assertThat(verifier.verify(token).token()).as("inside the overlap").isNotNull();
        clock.advance(Duration.ofMinutes(2));

        assertThat(verifier.verify(token).failure()).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void a_tampered_copy_of_a_verified_token_is_refused() {
        JwtKeys keys = JwtKeys.generate();
        TokenVerifier verifier = new TokenVerifier(keys::publicKeys);
        String token = new TokenIssuer(keys, policy).issue(new Session("alice", policy.now(), Map.of()));
        verifier.verify(token);
        int middle = token.length() / 2;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);

        assertThat(verifier.verify(tampered).token()).isNull();
    }

    @Test
    void without_a_cache_every_answer_is_the_same() {
        JwtKeys keys = JwtKeys.generate();
        String token = new TokenIssuer(keys, policy).issue(new Session("bob", policy.now(), Map.of()));

        TokenVerifier.Outcome uncached = new TokenVerifier(keys::publicKeys, 0).verify(token);

        assertThat(uncached.token().session().user()).isEqualTo("bob");
        assertThat(uncached).isEqualTo(new TokenVerifier(keys::publicKeys).verify(token));
    }

    @Test
    void the_cache_holds_at_most_about_two_generations() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10);
        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, new VerifiedTokenCache.Entry(null, null, null));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(20);
        assertThat(cache.get("token-999")).isNotNull();
        assertThat(cache.get("token-1")).isNull();
    }

    @Test
    void a_hit_in_the_old_generation_keeps_the_token() {
        VerifiedTokenCache cache = new VerifiedTokenCache(2);
        cache.put("kept", new VerifiedTokenCache.Entry(null, null, null));
        cache.put("a", new VerifiedTokenCache.Entry(null, null, null));
        cache.put("b", new VerifiedTokenCache.Entry(null, null, null));

        assertThat(cache.get("kept")).isNotNull();
        cache.put("c", new VerifiedTokenCache.Entry(null, null, null));
        cache.put("d", new VerifiedTokenCache.Entry(null, null, null));

        assertThat(cache.get("kept")).isNotNull();
    }
}
