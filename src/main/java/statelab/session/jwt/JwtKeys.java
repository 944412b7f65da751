package statelab.session.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lab's token signing keys: ES256 (P-256) pairs, each with a random {@code kid}. The private half
 * of the current key stays with the issuer; nodes get only {@link #publicKeys()}. {@link #rotate()}
 * makes a new current key and keeps the old public key for an overlap window (the longest a token
 * lives), so tokens signed just before a rotation stay valid until they expire and no longer.
 */
public final class JwtKeys {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private record Retired(JWK publicKey, Instant until) {
    }

    private final Duration overlap;
    private final Clock clock;
    private volatile ECKey current;
    private volatile List<Retired> retired = List.of();
    private volatile JWKSet publicKeys;

    private JwtKeys(Duration overlap, Clock clock) {
        this.overlap = overlap;
        this.clock = clock;
        this.current = newKey();
        this.publicKeys = new JWKSet(current.toPublicJWK());
    }

    /** A fresh key pair; old keys stay valid for 15 minutes after a rotation. */
    public static JwtKeys generate() {
        return generate(Duration.ofMinutes(15), Clock.systemUTC());
    }

    /** @param overlap how long a retired key still verifies: at least the longest token lifetime */
    public static JwtKeys generate(Duration overlap, Clock clock) {
        return new JwtKeys(overlap, clock);
    }

    ECKey signingKey() {
        return current;
    }

    /** The {@code kid} of the key tokens are signed with now. */
    public String keyId() {
        return current.getKeyID();
    }

    /** The public keys that verify: the current one and those retired less than the overlap ago. */
    public JWKSet publicKeys() {
        List<Retired> old = retired;
        if (!old.isEmpty() && !clock.instant().isBefore(old.get(0).until())) {
            prune();
        }
        return publicKeys;
    }

    /** Signs from now on with a new key; answers its {@code kid}. */
    public synchronized String rotate() {
        List<Retired> kept = new ArrayList<>(retired);
        kept.add(new Retired(current.toPublicJWK(), clock.instant().plus(overlap)));
        current = newKey();
        retired = List.copyOf(kept);
        prune();
        return current.getKeyID();
    }

    private synchronized void prune() {
        Instant now = clock.instant();
        retired = retired.stream().filter(r -> now.isBefore(r.until())).toList();
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        retired.forEach(r -> keys.add(r.publicKey()));
        publicKeys = new JWKSet(keys);
    }

    /**
     * Everything a node in another process needs, as a JWK set: the current key with its private half
     * first, then each retired public key with its expiry ({@code exp}: when it stops verifying).
     * Whoever holds this can sign tokens; it belongs in a file only the lab and its nodes can read.
     */
    public synchronized JWKSet exportWithSigningKey() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current);
        for (Retired r : retired) {
            keys.add(new ECKey.Builder((ECKey) r.publicKey()).expirationTime(java.util.Date.from(r.until())).build());
        }
        return new JWKSet(keys);
    }

    /** Keys read from {@link #exportWithSigningKey()}, for a node in another process. */
    public static JwtKeys fromExport(JWKSet exported, Duration overlap, Clock clock) {
        JwtKeys keys = new JwtKeys(overlap, clock);
        keys.load(exported);
        return keys;
    }

    /**
     * Replaces these keys with an export's (after the lab rotated): the first key signs from now on,
     * the others verify until their expiry. Throws IllegalArgumentException when the first has no private half.
     */
    public synchronized void load(JWKSet exported) {
        List<JWK> all = exported.getKeys();
        if (all.isEmpty() || !(all.get(0) instanceof ECKey signing) || !signing.isPrivate()) {
            throw new IllegalArgumentException("the key file does not start with a private EC signing key");
        }
        List<Retired> old = new ArrayList<>();
        for (JWK key : all.subList(1, all.size())) {
            Instant until = key.getExpirationTime() == null ? clock.instant().plus(overlap) : key.getExpirationTime().toInstant();
            old.add(new Retired(new ECKey.Builder((ECKey) key).expirationTime(null).build().toPublicJWK(), until));
        }
        current = signing;
        retired = List.copyOf(old);
        prune();
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a P-256 key", e);
        }
    }
}
