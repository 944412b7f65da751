package statelab.lab;

import statelab.session.SessionStrategy;

/**
 * Everything the lab knows about one way of keeping a session, in one place: the CLI, the page
 * (through {@code /api/clusters}), the scenarios, the benchmarks and the node processes all read it
 * from here. The kinds themselves are listed in {@link ClusterKinds}.
 *
 * @param key              the kebab-case id used everywhere: CLI, JSON, page, scenario files
 * @param title            the name the page gives the cluster's column
 * @param sessionHome      where the session lives, in a few words
 * @param credentialCookie the cookie that carries a client's credential, before any {@code __Host-} prefix
 * @param balancing        the balancing policy's key ({@code round-robin}, {@code sticky-cookie})
 * @param usesRedis        whether the cluster's nodes need Redis to find a session
 * @param sessions         makes the session strategy of one fresh node
 */
public record ClusterKind(String key, String title, String sessionHome, String credentialCookie,
                          String balancing, boolean usesRedis, SessionFactory sessions) {

    /** Makes the session strategy of one node from what the lab (or a node process) shares with it. */
    @FunctionalInterface
    public interface SessionFactory {
        SessionStrategy forNode(NodeContext context);
    }

    /** Whether the credential is a signed token a client can read (the page's wire view decodes it). */
    public boolean carriesToken() {
        return credentialCookie.equals(statelab.session.jwt.JwtSessionStrategy.COOKIE);
    }

    @Override
    public String toString() {
        return key;
    }
}
