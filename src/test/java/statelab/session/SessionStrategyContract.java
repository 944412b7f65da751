package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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

        assertThat(found.recognised()).isTrue();
        assertThat(found.session().user()).isEqualTo("alice");
        assertThat(found.failure()).isNull();
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
        assertThat(node1.resolve(null).failure()).isEqualTo(FailureKind.NOT_RECOGNISED);
    }

    @Test
    void garbage_is_refused_without_an_exception() {
        for (String garbage : new String[] {"", " ", "x", "%00", "a.b.c", "'; DROP TABLE", "é".repeat(50), "A".repeat(43), "A".repeat(10_000)}) {
            Resolution result = node1.resolve(garbage);
            assertThat(result.recognised()).as("resolving %s", garbage).isFalse();
            assertThat(result.failure()).isIn(FailureKind.NOT_RECOGNISED, FailureKind.BAD_CREDENTIAL);
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

        assertThat(node1.resolve(tampered).recognised()).isFalse();
    }

    @Test
    void another_node_sees_the_session_only_when_the_strategy_shares_it() {
        String credential = node1.create("alice");

        Resolution elsewhere = node2.resolve(credential);

        assertThat(elsewhere.recognised()).isEqualTo(sharedBetweenNodes());
        if (!sharedBetweenNodes()) {
            assertThat(elsewhere.failure()).isEqualTo(FailureKind.NOT_RECOGNISED);
        }
    }

    @Test
    void a_setting_change_is_kept() {
        String credential = node1.create("alice");

        Resolution changed = node1.updateSetting(credential, "theme", "dark");
        String current = changed.replacementCredential().orElse(credential);

        assertThat(changed.session().settings()).containsEntry("theme", "dark");
        assertThat(node1.resolve(current).session().settings()).containsEntry("theme", "dark");
    }

    @Test
    void a_revoked_credential_stops_working_when_the_strategy_can_revoke() {
        String credential = node1.create("alice");

        node1.revoke(credential);

        Resolution after = node1.resolve(credential);
        assertThat(after.recognised()).isEqualTo(!node1.revocable());
        if (node1.revocable()) {
            assertThat(after.failure()).isIn(FailureKind.REVOKED, FailureKind.NOT_RECOGNISED);
        }
    }

    @Test
    void revoking_an_unknown_credential_changes_nothing() {
        String credential = node1.create("alice");

        node1.revoke("not-a-credential");
        node1.revoke(null);

        assertThat(node1.resolve(credential).recognised()).isTrue();
    }

    @Test
    void one_users_logout_leaves_another_users_session_alone() {
        String alice = node1.create("alice");
        String bob = node1.create("bob");

        node1.revoke(alice);

        assertThat(node1.resolve(bob).session().user()).isEqualTo("bob");
    }
}
