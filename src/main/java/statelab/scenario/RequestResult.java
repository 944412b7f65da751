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
 * @param kind          the failure kind's kebab-case key, null on success: one of {@link FailureKind}'s keys,
 *                      or whatever other problem kind the answer named (such as {@code bad-request}), as itself
 * @param elapsedMicros the round trip as the client measured it
 * @param wire          the request and answer as they crossed the wire
 */
public record RequestResult(String method, String path, String node, int status, Outcome outcome,
                            String kind, long elapsedMicros, Wire wire) {

    /** A failed result of a known session failure kind. */
    public RequestResult(String method, String path, String node, int status, FailureKind kind, long elapsedMicros, Wire wire) {
        this(method, path, node, status, Outcome.FAILURE, kind.key(), elapsedMicros, wire);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Whether this request failed with this kind. */
    public boolean failedWith(FailureKind failure) {
        return failure.key().equals(kind);
    }

    /** Short text such as {@code S2 failure not-recognised}. */
    public String summary() {
        return (node == null ? "-" : node) + " " + outcome.key() + (kind == null ? "" : " " + kind);
    }
}
