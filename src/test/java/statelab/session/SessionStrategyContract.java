package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.session.Resolutions.failureOf;
import static statelab.session.Resolutions.found;
import static statelab.session.Resolutions.sessionOf;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every session strategy keeps (see {@link SessionStrategy}). Each strategy's test
 * extends this class and says how to make two instances that share whatever the strategy shares
 * between nodes (nothing, Redis, or the token keys).
 */
public abstract class SessionStrategyContract {
    protected SessionStrategy node1;
    protected SessionStrategy node2;

    /** A strategy as one node would get it; successive calls are successive nodes of one cluster. */
    protected abstract SessionStrategy newNode();

    /** Whether a session made on one node is seen on another. */
    protected abstract boolean sharedBetweenNodes();

    @BeforeEach
    void make_two_nodes() {
        node1 = newNode();
        node2 = newNode();
    }

    @AfterEach
    void close_nodes() {
        node1.close();
        node2.close();
    }

    @Test
    void a_new_session_is_found_by_its_credential() {
        String credential = node1.create("alice");

        Resolution found = node1.resolve(credential);

        assertThat(sessionOf(found).user()).isEqualTo("alice");
        assertThat(found(found).credential()).as("nothing to replace on a lookup").isEqualTo(credential);
    }

    @Test
    void every_login_gets_a_different_credential() {
        Set<String> credentials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            credentials.add(node1.create("alice"));
        }
        assertThat(credentials).hasSize(20);
    }

    @Test
    void no_credential_is_not_recognised() {
        assertThat(failureOf(node1.resolve(null))).isEqualTo(FailureKind.NOT_RECOGNISED);
    }

    @Test
    void garbage_is_refused_without_an_exception() {
        for (String garbage : new String[] {"", " ", "x", "%00", "a.b.c", "'; DROP TABLE", "é".repeat(50), "A".repeat(43), "A".repeat(10_000)}) {
            Resolution result = node1.resolve(garbage);
            assertThat(result).as("resolving %s", garbage).isInstanceOf(Resolution.Failed.class);
            assertThat(failureOf(result)).isIn(FailureKind.NOT_RECOGNISED, FailureKind.BAD_CREDENTIAL);
        }
    }

    @Test
    void a_tampered_credential_is_refused() {
        String credential = node1.create("alice");
        // The middle, not the last character: base64's last character can carry unused bits, so changing it
        // may not change the decoded bytes at all.
        int middle = credential.length() / 2;
        char c = credential.charAt(middle);
        String tampered = credential.substring(0, middle) + (c == 'A' ? 'B' : 'A') + credential.substring(middle + 1);

        assertThat(node1.resolve(tampered)).isInstanceOf(Resolution.Failed.class);
    }

    @Test
    void another_node_sees_the_session_only_when_the_strategy_shares_it() {
        String credential = node1.create("alice");

        Resolution elsewhere = node2.resolve(credential);

        if (sharedBetweenNodes()) {
            assertThat(sessionOf(elsewhere).user()).isEqualTo("alice");
        } else {
            assertThat(failureOf(elsewhere)).isEqualTo(FailureKind.NOT_RECOGNISED);
        }
    }

    @Test
    void a_setting_change_is_kept() {
        String credential = node1.create("alice");

        Resolution changed = node1.updateSettings(credential, Map.of("theme", "dark"));
        String current = found(changed).credential();

        assertThat(sessionOf(changed).settings()).containsEntry("theme", "dark");
        assertThat(sessionOf(node1.resolve(current)).settings()).containsEntry("theme", "dark");
    }

    @Test
    void several_settings_change_in_one_step_and_keep_the_others() {
        String credential = found(node1.updateSettings(node1.create("alice"), Map.of("theme", "dark"))).credential();
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("theme", "light");
        changes.put("lang", "fr");
        changes.put("tz", "Europe/Paris");

        Resolution changed = node1.updateSettings(credential, changes);

        assertThat(sessionOf(changed).settings()).containsExactlyInAnyOrderEntriesOf(changes);
        Resolution later = node1.resolve(found(changed).credential());
        assertThat(sessionOf(later).settings()).containsExactlyInAnyOrderEntriesOf(changes);
        assertThat(sessionOf(later).user()).isEqualTo("alice");
    }

    @Test
    void a_settings_change_on_an_unknown_credential_fails_and_creates_nothing() {
        assertThat(failureOf(node1.updateSettings(null, Map.of("theme", "dark")))).isEqualTo(FailureKind.NOT_RECOGNISED);
        assertThat(failureOf(node1.updateSettings("not-a-credential", Map.of("theme", "dark"))))
                .isIn(FailureKind.NOT_RECOGNISED, FailureKind.BAD_CREDENTIAL);
        assertThat(node1.sessionsHeldLocally()).isZero();
    }

    @Test
    void a_revoked_credential_stops_working_when_the_strategy_can_revoke() {
        String credential = node1.create("alice");

        boolean ended = node1.revoke(credential);

        Resolution after = node1.resolve(credential);
        if (ended) {
            assertThat(failureOf(after)).isIn(FailureKind.REVOKED, FailureKind.NOT_RECOGNISED);
        } else {
            assertThat(sessionOf(after).user()).as("a revoke that answered false changed nothing").isEqualTo("alice");
        }
        assertThat(ended).isEqualTo(revokes());
    }

    /** Whether {@link SessionStrategy#revoke} takes effect for this strategy (a JWT without a deny-list: no). */
    protected boolean revokes() {
        return true;
    }

    @Test
    void revoking_an_unknown_credential_changes_nothing() {
        String credential = node1.create("alice");

        assertThat(node1.revoke("not-a-credential")).isFalse();
        assertThat(node1.revoke(null)).isFalse();

        assertThat(node1.resolve(credential)).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void one_users_logout_leaves_another_users_session_alone() {
        String alice = node1.create("alice");
        String bob = node1.create("bob");

        node1.revoke(alice);

        assertThat(sessionOf(node1.resolve(bob)).user()).isEqualTo("bob");
    }
}
