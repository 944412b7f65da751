package statelab.lab;

import java.time.Instant;
import statelab.session.RevocationList;

/**
 * The jwt cluster's deny-list with an on/off switch, so the page can show what revocation costs:
 * off, it is {@link RevocationList#none()} (a logged-out token is still accepted until it expires);
 * on, it is the real list, and every request pays a lookup.
 */
final class SwitchableRevocationList implements RevocationList {
    private final RevocationList list;
    private volatile RevocationList inForce;

    SwitchableRevocationList(RevocationList list, boolean on) {
        this.list = list;
        set(on);
    }

    void set(boolean on) {
        inForce = on ? list : RevocationList.none();
    }

    /** Whether the real list is in force. */
    boolean on() {
        return inForce == list;
    }

    @Override
    public boolean isRevoked(String tokenId, String user, Instant issuedAt) {
        return inForce.isRevoked(tokenId, user, issuedAt);
    }

    @Override
    public boolean revokeUserBefore(String user, Instant cutoff, Instant until) {
        return inForce.revokeUserBefore(user, cutoff, until);
    }

    @Override
    public boolean revoke(String tokenId, Instant expiresAt) {
        return inForce.revoke(tokenId, expiresAt);
    }
}
