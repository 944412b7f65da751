package statelab.node;

import statelab.session.RequestTrace;
import statelab.session.Resolution;
import statelab.session.SessionStrategy;

/**
 * A strategy that adds the time each call takes to the request's trace, which the node reports as
 * {@code Server-Timing: session;dur=...}: the measured cost of finding or changing the session
 * (a Redis round trip, a signature check, a map lookup) apart from everything else the node does.
 */
final class TimedSessions implements SessionStrategy {
    private final SessionStrategy strategy;

    TimedSessions(SessionStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String id() {
        return strategy.id();
    }

    @Override
    public String cookieName() {
        return strategy.cookieName();
    }

    @Override
    public boolean acceptsBearer() {
        return strategy.acceptsBearer();
    }

    @Override
    public String create(String user) {
        long started = System.nanoTime();
        try {
            return strategy.create(user);
        } finally {
            RequestTrace.addSessionNanos(System.nanoTime() - started);
        }
    }

    @Override
    public Resolution resolve(String credential) {
        long started = System.nanoTime();
        try {
            return strategy.resolve(credential);
        } finally {
            RequestTrace.addSessionNanos(System.nanoTime() - started);
        }
    }

    @Override
    public Resolution updateSettings(String credential, java.util.Map<String, String> changes) {
        long started = System.nanoTime();
        try {
            return strategy.updateSettings(credential, changes);
        } finally {
            RequestTrace.addSessionNanos(System.nanoTime() - started);
        }
    }

    @Override
    public boolean revoke(String credential) {
        return strategy.revoke(credential);
    }

    @Override
    public boolean revokeAll(String user) {
        return strategy.revokeAll(user);
    }

    @Override
    public int sessionsHeldLocally() {
        return strategy.sessionsHeldLocally();
    }

    @Override
    public void close() {
        strategy.close();
    }
}
