package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.MutableClock;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/** The verified-token cache makes repeats cheap without changing a single answer of the verifier. */
class VerifiedTokenCacheTest {
    private final SessionPolicy policy = SessionPolicy.standard();
    private final MutableClock clock = new MutableClock();

    @Test
    void a_token_presented_again_is_recognised_with_the_same_session() {
        JwtKeys keys = JwtKeys.generate();
        TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).build();
        String token = TokenIssuer.signingWith(keys, policy).issue(new Session("alice", policy.now(), Map.of("theme", "dark")));

        TokenVerifier.Outcome first = verifier.verify(token);
        TokenVerifier.Outcome again = verifier.verify(String.valueOf(token.toCharArray()));

        assertThat(Outcomes.verified(again)).isEqualTo(Outcomes.verified(first));
        assertThat(again.reason()).isEqualTo(first.reason());
        assertThat(Outcomes.verified(again).session().settings()).containsEntry("theme", "dark");
    }

    @Test
    void a_token_whose_key_was_retired_fails_although_it_was_verified_before() {
        MutableClock clock = new MutableClock();
        JwtKeys keys = JwtKeys.generate(Duration.ofMinutes(1), clock);
        TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).build();
        String token = TokenIssuer.signingWith(keys, policy).issue(new Session("alice", policy.now(), Map.of()));
        assertThat(verifier.verify(token)).isInstanceOf(TokenVerifier.Verified.class);

        keys.rotate();
        assertThat(verifier.verify(token)).as("inside the overlap").isInstanceOf(TokenVerifier.Verified.class);
        clock.advance(Duration.ofMinutes(2));

        assertThat(Outcomes.refusal(verifier.verify(token))).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void a_tampered_copy_of_a_verified_token_is_refused() {
        JwtKeys keys = JwtKeys.generate();
        TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).build();
        String token = TokenIssuer.signingWith(keys, policy).issue(new Session("alice", policy.now(), Map.of()));
        verifier.verify(token);
        int middle = token.length() / 2;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);

        assertThat(verifier.verify(tampered)).isInstanceOf(TokenVerifier.Refused.class);
    }

    @Test
    void without_a_cache_every_answer_is_the_same() {
        JwtKeys keys = JwtKeys.generate();
        String token = TokenIssuer.signingWith(keys, policy).issue(new Session("bob", policy.now(), Map.of()));

        TokenVerifier.Outcome uncached = TokenVerifier.builder(keys::publicKeys).cacheEntries(0).build().verify(token);

        assertThat(Outcomes.verified(uncached).session().user()).isEqualTo("bob");
        assertThat(uncached).isEqualTo(TokenVerifier.builder(keys::publicKeys).build().verify(token));
    }

    @Test
    void the_cache_holds_at_most_its_size() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);
        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, entryExpiringIn(Duration.ofMinutes(5)));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void an_entry_goes_when_its_token_expires_and_not_before() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);
        cache.put("short", entryExpiringIn(Duration.ofMinutes(1)));
        cache.put("long", entryExpiringIn(Duration.ofMinutes(10)));

        assertThat(cache.get("short")).isNotNull();
        clock.advance(Duration.ofMinutes(2));

        assertThat(cache.get("short")).as("past its token's exp").isNull();
        assertThat(cache.get("long")).isNotNull();
    }

    @Test
    void a_token_already_expired_is_not_kept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);

        cache.put("gone", entryExpiringIn(Duration.ofSeconds(-1)));

        assertThat(cache.get("gone")).isNull();
    }

    @Test
    void a_cache_size_of_0_is_a_memory_that_holds_nothing() {
        VerifiedTokens none = VerifiedTokens.holding(0, clock);
        none.put("a-token", entryExpiringIn(Duration.ofMinutes(5)));

        assertThat(none).isSameAs(VerifiedTokens.NONE);
        assertThat(none.get("a-token")).isNull();
        assertThat(VerifiedTokens.holding(1, clock)).isInstanceOf(VerifiedTokenCache.class);
    }

    private VerifiedTokenCache.Entry entryExpiringIn(Duration life) {
        Instant now = clock.instant();
        VerifiedToken token = new VerifiedToken(new Session("alice", now, Map.of()), "jti", now.plus(life), now);
        return new VerifiedTokenCache.Entry(null, token, null);
    }
}
