package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.web.WebFixtures.failure;
import static statelab.web.WebFixtures.jwtSuccess;

import org.junit.jupiter.api.Test;
import statelab.lab.Strategy;
import statelab.session.FailureKind;

class RevocationExplanationTest {

    @Test
    void a_revoked_redis_replay_is_explained_by_the_marker_the_logout_wrote() {
        assertThat(RevocationExplanation.of(Strategy.REDIS, failure("S3", FailureKind.REVOKED), null, false))
                .contains("revoked marker").contains("S3");
    }

    @Test
    void an_accepted_jwt_replay_says_how_long_the_token_has_left_and_that_nothing_recorded_the_logout() {
        assertThat(RevocationExplanation.of(Strategy.JWT, jwtSuccess("S3"), 899L, false))
                .contains("899 s left").contains("deny-list is off").contains("S3");
    }

    @Test
    void a_jwt_replay_refused_by_the_deny_list_names_the_lookup_it_costs() {
        assertThat(RevocationExplanation.of(Strategy.JWT, failure("S3", FailureKind.REVOKED), 899L, true))
                .contains("deny-list is on").contains("lookup");
    }
}
