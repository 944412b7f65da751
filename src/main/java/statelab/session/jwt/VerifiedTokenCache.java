package statelab.session.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature has already checked out on this node, keyed by the token's exact text, so
 * a node pays for an ES256 verification (about 0.4 ms) once per token rather than once per request.
 * Only the signature is remembered, and only against the key set it was checked with: the verifier
 * re-checks every claim ({@code exp}, {@code nbf}, {@code iss}, {@code aud}, ...) on each hit, and
 * the strategy consults the deny-list on every request as before. A hit needs the same text, so a tampered token never matches; failed tokens
 * are never stored, so only tokens our issuer signed can take room.
 *
 * <p>Bounded by two generations of at most {@code generationSize} entries: when the young one fills
 * it becomes the old one and the previous old one is dropped; a hit in the old generation moves the
 * entry back to the young one. That keeps recently used tokens at the cost of a lock-free read, and
 * never holds more than about twice {@code generationSize} entries.
 */
final class VerifiedTokenCache {
    /**
     * A verified token's claims (for re-checking), what the strategy is given, and the public key set
     * its signature was checked against (it counts only while that set is still the current one).
     */
    record Entry(JWTClaimsSet claims, VerifiedToken token, JWKSet keys) {
    }

    private final int generationSize;
    private volatile ConcurrentHashMap<String, Entry> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Entry> old = new ConcurrentHashMap<>();

    VerifiedTokenCache(int generationSize) {
        if (generationSize < 1) {
            throw new IllegalArgumentException("a cache generation holds at least one token");
        }
        this.generationSize = generationSize;
    }

    /** The entry for exactly this token text, or null. */
    Entry get(String token) {
        Entry entry = young.get(token);
        if (entry == null) {
            entry = old.get(token);
            if (entry != null) {
                put(token, entry);
            }
        }
        return entry;
    }

    void put(String token, Entry entry) {
        ConcurrentHashMap<String, Entry> current = young;
        if (current.size() >= generationSize) {
            rotate(current);
        }
        young.put(token, entry);
    }

    /** Forgets a token (its claims stopped checking out, e.g. it expired). */
    void remove(String token) {
        young.remove(token);
        old.remove(token);
    }

    /** Entries held now, both generations. */
    int size() {
        return young.size() + old.size();
    }

    private synchronized void rotate(ConcurrentHashMap<String, Entry> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }
}
