package statelab.session;

import java.time.Instant;

/**
 * A deny-list of revoked token ids ({@code jti}), for strategies whose credentials are otherwise
 * valid until they expire. An entry is needed only until the token would have expired anyway.
 * Checking it brings back the per-request lookup that self-contained tokens were meant to avoid.
 */
public interface RevocationList {

    /** Whether the list is in use; when it is not, tokens stay valid until they expire. */
    default boolean active() {
        return true;
    }

    /**
     * Whether this token was revoked, by its id or because its user logged out everywhere after it
     * was issued. Raises {@link SessionStoreUnavailableException} when the list cannot be read.
     */
    boolean isRevoked(String tokenId, String user, Instant issuedAt);

    /** Revokes the token id until {@code expiresAt}, after which the entry may vanish. */
    void revoke(String tokenId, Instant expiresAt);

    /** Revokes every token of the user issued before {@code cutoff}; the entry may vanish after {@code until}. */
    void revokeUserBefore(String user, Instant cutoff, Instant until);
}
