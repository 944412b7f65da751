package statelab.session;

import java.time.Instant;

/**
 * A deny-list of revoked token ids ({@code jti}), for strategies whose credentials are otherwise
 * valid until they expire. An entry is needed only until the token would have expired anyway.
 * Checking it brings back the per-request lookup that self-contained tokens were meant to avoid.
 * Where there is no deny-list, {@link #none()} stands in: it revokes nothing and says so.
 */
public interface RevocationList {

    /**
     * Whether this token was revoked, by its id or because its user logged out everywhere after it
     * was issued. Raises {@link SessionStoreUnavailableException} when the list cannot be read.
     */
    boolean isRevoked(String tokenId, String user, Instant issuedAt);

    /**
     * Revokes the token id until {@code expiresAt}, after which the entry may vanish. Answers whether the
     * token is refused from now on (false where the list does nothing).
     */
    boolean revoke(String tokenId, Instant expiresAt);

    /**
     * Revokes every token of the user issued before {@code cutoff}; the entry may vanish after {@code until}.
     * Answers whether those tokens are refused from now on (false where the list does nothing).
     */
    boolean revokeUserBefore(String user, Instant cutoff, Instant until);

    /** No deny-list: nothing is ever revoked, and every revoke answers false; tokens live until they expire. */
    static RevocationList none() {
        return NoRevocations.INSTANCE;
    }
}
