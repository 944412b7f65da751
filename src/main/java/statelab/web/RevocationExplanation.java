package statelab.web;

import statelab.lab.Strategy;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/**
 * The sentence under each side of the revocation demo, read off what the replay really got: which
 * node answered, whether it accepted, why it refused, and (for a JWT) how long the token has left.
 */
final class RevocationExplanation {
    private RevocationExplanation() {
    }

    static String of(Strategy strategy, RequestResult replay, Long secondsLeft, boolean denyListOn) {
        String node = replay.node() == null ? "no node" : replay.node();
        if (replay.succeeded()) {
            if (strategy == Strategy.JWT) {
                return "The old token is still correctly signed and not yet expired" + left(secondsLeft)
                        + ". No node keeps any record of the logout" + (denyListOn ? "" : " (the deny-list is off)")
                        + ", so " + node + " had no reason to refuse it: only expiry or a deny-list can stop a copied token.";
            }
            return node + " still accepted the old credential after the logout: the logout did not reach the session it served from.";
        }
        String kind = replay.kind();
        if (replay.failedWith(FailureKind.REVOKED) && strategy == Strategy.JWT) {
            return "The deny-list is on: the logout put the token's id in Redis, and " + node + " looked it up on this request."
                    + " The replay bounces, at the price of a Redis lookup on every request: the lookup JWTs were meant to avoid.";
        }
        if (replay.failedWith(FailureKind.REVOKED)) {
            return "The logout overwrote the session in Redis with a revoked marker, so " + node
                    + " found the old id revoked. One write, and every node refuses it at once.";
        }
        return node + " refused the old credential (" + (kind == null ? "failure" : kind) + ").";
    }

    private static String left(Long seconds) {
        return seconds == null ? "" : " (" + seconds + " s left)";
    }
}
