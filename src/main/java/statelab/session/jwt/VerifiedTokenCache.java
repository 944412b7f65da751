package statelab.session.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;

/**
 * Tokens whose signature has already checked out on this node, keyed by the token's exact text, so
 * a node pays for an ES256 verification (about 0.4 ms) once per token rather than once per request.
 * Only the signature is remembered, and only against the key set it was checked with: the verifier
 * re-checks every claim ({@code exp}, {@code nbf}, {@code iss}, {@code aud}, ...) on each hit, and
 * the strategy consults the deny-list on every request as before. A hit needs the same text, so a
 * tampered token never matches; failed tokens are never stored, so only tokens our issuer signed can
 * take room.
 *
 * <p>A Caffeine cache: at most {@code maxEntries} tokens (the least useful go first), and each entry
 * goes no later than its token's {@code exp} by the verifier's clock, so the cache never holds a
 * token longer than the token itself is valid.
 */
final class VerifiedTokenCache implements VerifiedTokens {
    /**
     * A verified token's claims (for re-checking), what the strategy is given, and the public key set
     * its signature was checked against (it counts only while that set is still the current one).
     */
    record Entry(JWTClaimsSet claims, VerifiedToken token, JWKSet keys) {
    }

    private final Cache<String, Entry> entries;

    /**
     * @param maxEntries the most tokens held at once, at least 1
     * @param clock      the clock the tokens' {@code exp} is judged by
     */
    VerifiedTokenCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the cache holds at least one token");
        }
        entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Entry>writing((token, entry) -> lifeLeft(entry, clock)))
                // Time passes for the cache as for the claims: by the verifier's clock.
                .ticker(() -> nanosOf(clock))
                .executor(Runnable::run)
                .build();
    }

    private static long nanosOf(Clock clock) {
        java.time.Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    private static Duration lifeLeft(Entry entry, Clock clock) {
        Duration left = Duration.between(clock.instant(), entry.token().expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Entry get(String token) {
        return entries.getIfPresent(token);
    }

    @Override
    public void put(String token, Entry entry) {
        entries.put(token, entry);
    }

    @Override
    public void remove(String token) {
        entries.invalidate(token);
    }

    /** Entries held now, after any pending evictions. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
