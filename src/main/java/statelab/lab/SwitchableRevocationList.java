package statelab.lab;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import statelab.session.RevocationList;

/**
 * The jwt cluster's deny-list with an on/off switch, so the page can show what revocation costs:
 * off, a logged-out token is still accepted until it expires; on, every request pays a lookup.
 */
final class SwitchableRevocationList implements RevocationList {
    private final RevocationList list;
    private final AtomicBoolean on;

    SwitchableRevocationList(RevocationList list, boolean on) {
        this.list = list;
        this.on = new AtomicBoolean(on);
    }

    void set(boolean value) {
        on.set(value);
    }

    @Override
    public boolean active() {
        return on.get();
    }

    @Override
    public boolean isRevoked(String tokenId, String user, Instant issuedAt) {
        return list.isRevoked(tokenId, user, issuedAt);
    }

    @Override
    public void revokeUserBefore(String user, Instant cutoff, Instant until) {
        list.revokeUserBefore(user, cutoff, until);
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        list.revoke(tokenId, expiresAt);
    }
}
