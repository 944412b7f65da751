/**
 * Where a node keeps its users' sessions: the {@link statelab.session.SessionStrategy} contract and
 * the in-memory strategy, plus what every strategy shares (timeouts, ids, password hashes, the login
 * throttle, failure kinds). {@code session.redis} keeps sessions in Redis; {@code session.jwt} keeps
 * them in signed tokens. This package knows nothing of HTTP.
 */
package statelab.session;
