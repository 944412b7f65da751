package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.session.Resolutions.failureOf;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.MutableClock;
import statelab.session.Resolution;
import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.SessionStrategyContract;

/** The jwt strategy with a deny-list shared by its nodes: a logout stops the token everywhere. */
class JwtWithDenyListTest extends SessionStrategyContract {
    private final JwtKeys keys = JwtKeys.generate();
    private final MutableClock clock = new MutableClock();
    private final SessionPolicy policy = new SessionPolicy(java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(8), clock);
    private final TokenIssuer issuer = TokenIssuer.signingWith(keys, policy);
    private final DenyList denied = new DenyList();

    /** The deny-list as a map: the Redis one is checked by RedisRevocationListIT. */
    static final class DenyList implements RevocationList {
        final Map<String, Instant> entries = new ConcurrentHashMap<>();
        final Map<String, Instant> cutoffs = new ConcurrentHashMap<>();

        @Override
        public boolean isRevoked(String tokenId, String user, Instant issuedAt) {
            Instant cutoff = cutoffs.get(user);
            return entries.containsKey(tokenId) || (cutoff != null && !issuedAt.isAfter(cutoff));
        }

        @Override
        public boolean revokeUserBefore(String user, Instant cutoff, Instant until) {
            cutoffs.put(user, cutoff);
            return true;
        }

        @Override
        public boolean revoke(String tokenId, Instant expiresAt) {
            entries.put(tokenId, expiresAt);
            return true;
        }
    }

    @Override
    protected SessionStrategy newNode() {
        return new JwtSessionStrategy(issuer, TokenVerifier.builder(keys::publicKeys).clock(clock).build(), policy, denied);
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return true;
    }

    @Test
    void a_logout_on_one_node_is_refused_as_revoked_on_another() {
        String token = node1.create("alice");

        node1.revoke(token);

        assertThat(failureOf(node2.resolve(token))).isEqualTo(FailureKind.REVOKED);
    }

    @Test
    void logging_out_everywhere_refuses_every_earlier_token_but_not_a_later_login() {
        String phone = node1.create("alice");
        String laptop = node2.create("alice");
        String bob = node1.create("bob");

        boolean everywhere = node1.revokeAll("alice");
        // The cut-off covers tokens issued up to and including that millisecond; a later sign-in is new.
        clock.advance(java.time.Duration.ofMillis(1));
        String fresh = node2.create("alice");

        assertThat(everywhere).isTrue();
        assertThat(failureOf(node2.resolve(phone))).isEqualTo(FailureKind.REVOKED);
        assertThat(failureOf(node1.resolve(laptop))).isEqualTo(FailureKind.REVOKED);
        assertThat(node1.resolve(fresh)).isInstanceOf(Resolution.Found.class);
        assertThat(node1.resolve(bob)).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void the_deny_list_entry_lasts_only_as_long_as_the_token() {
        String token = node1.create("alice");

        node1.revoke(token);

        Instant until = denied.entries.values().iterator().next();
        assertThat(until).isBefore(policy.now().plus(policy.idle()).plusSeconds(5));
    }
}
