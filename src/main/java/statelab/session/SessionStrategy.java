package statelab.session;

/**
 * Where a node keeps (or does not keep) its users' sessions. One instance serves one node; the
 * strategies whose state lives outside the node (redis, jwt) share that state between instances.
 *
 * <p>Contract, checked for every strategy by {@code SessionStrategyContract}:
 * <ul>
 *   <li>{@link #create} returns a fresh credential every time; no two are equal;</li>
 *   <li>{@link #resolve} of a credential from {@link #create} finds its user until it expires or is
 *       revoked; of null, blank or unknown text it answers a failure, never an exception;</li>
 *   <li>{@link #updateSettings} changes any number of settings in one step: one store round trip,
 *       one update of the node's memory, or one signing;</li>
 *   <li>{@link #revoke} makes the credential fail from then on, as far as the strategy allows, and
 *       says whether it did (a stateless JWT without a deny-list stays valid until it expires);</li>
 *   <li>a store that cannot be reached raises {@link SessionStoreUnavailableException}.</li>
 * </ul>
 */
public interface SessionStrategy extends AutoCloseable {

    /** The strategy's key: {@code in-memory}, {@code redis} or {@code jwt}. */
    String id();

    /** The cookie that carries this strategy's credential. */
    String cookieName();

    /** Whether the credential may also come as {@code Authorization: Bearer} (tokens only). */
    default boolean acceptsBearer() {
        return false;
    }

    /**
     * Starts a session for a user who has just proven who they are; returns its credential. Raises
     * {@link CannotIssueException} on a node that only verifies credentials others issued.
     */
    String create(String user);

    /** Finds the session behind a credential; the credential may be null (then {@code not-recognised}). */
    Resolution resolve(String credential);

    /**
     * Adds or replaces these settings (at least one) of the session behind a credential, all in one
     * step, and answers the updated session; its {@link Resolution.Found#credential()} is a replacement
     * where the strategy keeps the data in the credential itself. Bounds on the settings are the caller's
     * to check first. Raises {@link CannotIssueException} where a change needs a new credential this
     * node cannot issue.
     */
    Resolution updateSettings(String credential, java.util.Map<String, String> changes);

    /**
     * Ends the session behind a credential. Answers whether the credential is refused from now on: false
     * for unknown credentials (ignored), and where the strategy cannot revoke (a JWT without a deny-list).
     */
    boolean revoke(String credential);

    /**
     * Ends every session of a user ("log out everywhere"). Answers whether that reached every node:
     * a strategy that keeps sessions in one node's memory can only end the ones this node holds.
     */
    boolean revokeAll(String user);

    /** Sessions this node holds in its own memory (0 when they live elsewhere). */
    int sessionsHeldLocally();

    /** Releases what the strategy holds; a killed node calls it and drops its memory. */
    @Override
    default void close() {
    }
}
