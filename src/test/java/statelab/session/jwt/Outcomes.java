package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import statelab.session.FailureKind;

/** Test shorthands: the token of an outcome that must be verified, the kind of one that must be refused. */
public final class Outcomes {
    private Outcomes() {
    }

    public static VerifiedToken verified(TokenVerifier.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TokenVerifier.Verified.class);
        return ((TokenVerifier.Verified) outcome).token();
    }

    public static FailureKind refusal(TokenVerifier.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TokenVerifier.Refused.class);
        return ((TokenVerifier.Refused) outcome).kind();
    }
}
