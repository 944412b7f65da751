package statelab.session.jwt;

import java.time.Instant;
import statelab.session.Session;

/**
 * A token whose signature and claims checked out.
 *
 * @param session   the session the claims describe
 * @param tokenId   the {@code jti}
 * @param expiresAt the {@code exp}
 * @param issuedAt  when it was signed, to the millisecond
 */
public record VerifiedToken(Session session, String tokenId, Instant expiresAt, Instant issuedAt) {
}
