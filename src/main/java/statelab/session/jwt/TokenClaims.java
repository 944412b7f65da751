package statelab.session.jwt;

/** The names and fixed values of the claims our tokens carry. */
final class TokenClaims {
    static final String ISSUER = "statelab";
    static final String AUDIENCE = "statelab-lab";
    /** Explicit typing (RFC 8725 section 3.11), so no other kind of JWT is taken for a session. */
    static final String TYPE = "statelab-session+jwt";
    static final String SETTINGS = "settings";
    static final String AUTH_TIME = "auth_time";
    static final String ISSUED_MILLIS = "iat_ms";
    /** Tokens larger than this are refused before any parsing. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Clock skew tolerated between nodes, in seconds. */
    static final int CLOCK_SKEW_SECONDS = 30;

    private TokenClaims() {
    }
}
