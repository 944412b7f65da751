package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.SessionStrategyContract;

/** The jwt strategy with a deny-list shared by its nodes: a logout stops the token everywhere. */
class JwtWithDenyListTest extends SessionStrategyContract {
    private final JwtKeys keys = JwtKeys.generate();
    private final SessionPolicy policy = SessionPolicy.standard();
    private final TokenIssuer issuer = new TokenIssuer(keys, policy);
    private final DenyList denied = new DenyList();

    /** The deny-list as a map: the Redis one is checked by RedisRevocationListIT. */
    static final class DenyList implements RevocationList {
        final Map<String, Instant> entries = new ConcurrentHashMap<>();

        @Override
        public boolean isRevoked(String tokenId) {
            return entries.containsKey(tokenId);
        }

        @Override
        public void revoke(String tokenId, Instant expiresAt) {
            entries.put(tokenId, expiresAt);
        }
    }

    @Override
    protected SessionStrategy newNode() {
        return new JwtSessionStrategy(issuer, new TokenVerifier(keys.publicKeys()), policy, Optional.of(denied));
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return true;
    }

    @Test
    void a_logout_on_one_node_is_refused_as_revoked_on_another() {
        String token = node1.create("alice");

        node1.revoke(token);

        assertThat(node2.resolve(token).failure()).isEqualTo(FailureKind.REVOKED);
    }

    @Test
    void the_deny_list_entry_lasts_only_as_long_as_the_token() {
        String token = node1.create("alice");

        node1.revoke(token);

        Instant until = denied.entries.values().iterator().next();
        assertThat(until).isBefore(Instant.now().plus(policy.idle()).plusSeconds(5));
    }
}
