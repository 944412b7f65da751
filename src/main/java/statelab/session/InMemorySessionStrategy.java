package statelab.session;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in this node's own memory: the beginner's design. Works with one node; behind a
 * round-robin balancer every other node answers {@code not-recognised}; a killed node takes its
 * sessions with it. Idle and absolute timeouts are enforced on every lookup.
 */
public final class InMemorySessionStrategy implements SessionStrategy {
    /** The cookie the credential travels in. */
    public static final String COOKIE = "sid";
    public static final String ID = "in-memory";

    private record Entry(Session session, Instant lastSeen) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SessionPolicy policy;
    private final String id;

    public InMemorySessionStrategy(SessionPolicy policy) {
        this(policy, ID);
    }

    /**
     * @param id the cluster kind the node serves, as its answers report it: the sticky cluster keeps
     *           sessions in memory too, but its nodes say {@code sticky}
     */
    public InMemorySessionStrategy(SessionPolicy policy, String id) {
        this.policy = policy;
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String cookieName() {
        return COOKIE;
    }

    @Override
    public String create(String user) {
        String id = SessionIds.next();
        Instant now = policy.now();
        sessions.put(id, new Entry(new Session(user, now, Map.of()), now));
        return id;
    }

    @Override
    public Resolution resolve(String credential) {
        return touch(credential, Map.of());
    }

    @Override
    public Resolution updateSettings(String credential, Map<String, String> changes) {
        return touch(credential, changes);
    }

    /** Slides the idle timeout and applies the changes (none for a plain lookup), in one atomic step. */
    private Resolution touch(String credential, Map<String, String> changes) {
        if (!SessionIds.wellFormed(credential)) {
            return Resolution.failed(credential == null ? FailureKind.NOT_RECOGNISED : FailureKind.BAD_CREDENTIAL);
        }
        Instant now = policy.now();
        FailureKind[] failure = {FailureKind.NOT_RECOGNISED};
        // compute() makes check-expiry-then-update atomic per session, so concurrent writers never lose a setting.
        Entry entry = sessions.computeIfPresent(credential, (id, old) -> {
            if (!now.isBefore(old.lastSeen().plus(policy.idle())) || policy.pastAbsolute(old.session().createdAt())) {
                failure[0] = FailureKind.EXPIRED;
                return null;
            }
            Session session = changes.isEmpty() ? old.session() : old.session().with(changes);
            return new Entry(session, now);
        });
        return entry == null ? Resolution.failed(failure[0]) : Resolution.found(entry.session(), credential);
    }

    @Override
    public boolean revoke(String credential) {
        return credential != null && sessions.remove(credential) != null;
    }

    /** Only this node's memory is reachable: other nodes keep whatever sessions they hold. */
    @Override
    public boolean revokeAll(String user) {
        sessions.values().removeIf(entry -> entry.session().user().equals(user));
        return false;
    }

    @Override
    public int sessionsHeldLocally() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.clear();
    }
}
