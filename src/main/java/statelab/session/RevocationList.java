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

    /** Whether the token id was revoked; raises {@link SessionStoreUnavailableException} when the list cannot be read. */
    boolean isRevoked(String tokenId);

    /** Revokes the token id until {@code expiresAt}, after which the entry may vanish. */
    void revoke(String tokenId, Instant expiresAt);
}
