package statelab.scenario;

import statelab.session.FailureKind;

/**
 * One request's real outcome through one cluster's balancer.
 *
 * @param method        the HTTP method
 * @param path          the path
 * @param node          the node that answered ({@code X-Served-By}), or null when none did
 * @param status        the HTTP status, 0 when no answer came at all
 * @param outcome       success: 2xx and the user recognised; failure otherwise
 * @param kind          the failure kind, null on success
 * @param elapsedMicros the round trip as the client measured it
 * @param wire          the request and answer as they crossed the wire
 */
public record RequestResult(String method, String path, String node, int status, Outcome outcome,
                            FailureKind kind, long elapsedMicros, Wire wire) {

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Short text such as {@code S2 failure not-recognised}. */
    public String summary() {
        return (node == null ? "-" : node) + " " + outcome.key() + (kind == null ? "" : " " + kind.key());
    }
}
