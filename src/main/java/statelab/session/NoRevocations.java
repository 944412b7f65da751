package statelab.session;

import java.time.Instant;

/** {@link RevocationList#none()}: a deny-list that denies nothing and costs nothing. */
enum NoRevocations implements RevocationList {
    INSTANCE;

    @Override
    public boolean isRevoked(String tokenId, String user, Instant issuedAt) {
        return false;
    }

    @Override
    public boolean revoke(String tokenId, Instant expiresAt) {
        return false;
    }

    @Override
    public boolean revokeUserBefore(String user, Instant cutoff, Instant until) {
        return false;
    }
}
