package statelab.session.jwt;

import java.time.Clock;

/**
 * What a {@link TokenVerifier} remembers of tokens whose signature checked out: a
 * {@link VerifiedTokenCache}, or {@link #NONE}, which remembers nothing, so that every signature is
 * checked on every call (a cache size of 0). Either way the verifier's answers are the same; only
 * their cost differs.
 */
sealed interface VerifiedTokens permits VerifiedTokenCache, VerifiedTokens.None {
    /** Remembers nothing: every lookup misses. */
    VerifiedTokens NONE = None.INSTANCE;

    /**
     * At most {@code maxEntries} verified tokens, each no longer than it is valid by {@code clock};
     * {@link #NONE} for 0.
     */
    static VerifiedTokens holding(int maxEntries, Clock clock) {
        return maxEntries == 0 ? NONE : new VerifiedTokenCache(maxEntries, clock);
    }

    /** The entry for exactly this token text, or null when none is held. */
    VerifiedTokenCache.Entry get(String token);

    /** Remembers a token whose signature checked out against {@code entry}'s key set. */
    void put(String token, VerifiedTokenCache.Entry entry);

    /** Forgets a token (its claims stopped checking out, e.g. it expired); nothing when it is not held. */
    void remove(String token);

    /** The memory of a verifier built with a cache size of 0. */
    enum None implements VerifiedTokens {
        INSTANCE;

        @Override
        public VerifiedTokenCache.Entry get(String token) {
            return null;
        }

        @Override
        public void put(String token, VerifiedTokenCache.Entry entry) {
            // Remembering nothing is the point: a verifier without a cache checks every signature.
        }

        @Override
        public void remove(String token) {
        }
    }
}
