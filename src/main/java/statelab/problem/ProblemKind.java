package statelab.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of problem a server of the lab answers (nodes, balancers, the page's API), each with
 * its kebab-case key, its usual HTTP status and its title: the one list docs/API.md shows and a test
 * holds it to. A server answers only these keys. The first seven are also why a request was not
 * served as a signed-in user ({@code statelab.session.FailureKind} names the same keys).
 */
public enum ProblemKind {
    NOT_RECOGNISED("not-recognised", 401, "Session not recognised"),
    NODE_DOWN("node-down", 503, "No node is up"),
    STORE_DOWN("store-down", 503, "Session store unreachable"),
    EXPIRED("expired", 401, "Session expired"),
    REVOKED("revoked", 401, "Session revoked"),
    BAD_CREDENTIAL("bad-credential", 401, "Bad credential"),
    RATE_LIMITED("rate-limited", 429, "Too many failed sign-ins"),

    BAD_REQUEST("bad-request", 400, "Bad request"),
    CROSS_SITE_REQUEST("cross-site-request", 403, "Forbidden"),
    VERIFY_ONLY("verify-only", 403, "This node cannot issue tokens"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    TIMEOUT("timeout", 408, "Request timeout"),
    TOO_LARGE("too-large", 413, "Content too large"),
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNKNOWN_HOST("unknown-host", 421, "Misdirected request"),
    SETTINGS_TOO_LARGE("settings-too-large", 422, "Too many settings"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    SERVER_ERROR("server-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    TOO_MANY_STREAMS("too-many-streams", 503, "Too many event streams"),
    HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", 505, "HTTP version not supported"),
    INSUFFICIENT_STORAGE("insufficient-storage", 507, "Insufficient storage"),
    SIGN_IN_BUSY("sign-in-busy", 503, "Too many sign-ins at once"),
    NOT_FOUND_ON_THIS_NODE("not-found-on-this-node", 404, "No avatar on this node"),

    NODE_ALREADY_DOWN("node-already-down", 409, "Conflict with the lab's state"),
    REDIS_EXTERNAL("redis-external", 409, "Conflict with the lab's state"),
    REDIS_ALREADY_RUNNING("redis-already-running", 409, "Conflict with the lab's state"),
    REDIS_ALREADY_STOPPED("redis-already-stopped", 409, "Conflict with the lab's state"),
    REDIS_STOPPED("redis-stopped", 409, "Conflict with the lab's state"),
    REDIS_REPLICATED("redis-replicated", 409, "Conflict with the lab's state"),
    REDIS_NOT_REPLICATED("redis-not-replicated", 409, "Conflict with the lab's state"),
    REDIS_PRIMARY_DOWN("redis-primary-down", 409, "Conflict with the lab's state"),
    LAB_RUNNING("lab-running", 409, "Conflict with the lab's state"),
    ACTION_FAILED("action-failed", 409, "Conflict with the lab's state"),
    MEASUREMENT_FAILED("measurement-failed", 409, "Conflict with the lab's state"),
    DEMO_FAILED("demo-failed", 409, "Conflict with the lab's state"),
    INTERRUPTED("interrupted", 409, "Conflict with the lab's state");

    private final String key;
    private final int status;
    private final String title;

    ProblemKind(String key, int status, String title) {
        this.key = key;
        this.status = status;
        this.title = title;
    }

    /** The kebab-case key: the body's {@code kind} and the last part of its {@code type}. */
    public String key() {
        return key;
    }

    /** The status a server answers with, unless HTTP itself dictates another (a 502 from a proxy is {@code node-down}). */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The kind with this key; empty when no kind has it. */
    public static Optional<ProblemKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
