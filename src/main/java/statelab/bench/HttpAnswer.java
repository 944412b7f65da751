package statelab.bench;

import java.util.List;

/**
 * The parts of one HTTP answer the load generator looks at.
 *
 * @param status     the status code
 * @param setCookies the {@code Set-Cookie} values, usually none
 * @param kind       the problem body's {@code kind} on a non-2xx answer, else null
 * @param close      whether the server will close the connection after this answer
 */
record HttpAnswer(int status, List<String> setCookies, String kind, boolean close) {

    /** Null for a 200, else what went wrong: the problem kind, or {@code http-<status>} when the body names none. */
    String failureKind() {
        if (status == 200) {
            return null;
        }
        return kind != null ? kind : "http-" + status;
    }
}
