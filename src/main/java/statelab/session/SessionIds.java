package statelab.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session identifiers: 256 bits from {@link SecureRandom}, base64url without padding (43 characters).
 * Stores key sessions by {@link #digest} of the id, so whoever reads the store does not get
 * credentials they could replay.
 */
public final class SessionIds {
    /** Bits of entropy in every id. */
    public static final int BITS = 256;
    private static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Never used itself, only cloned: a MessageDigest is not safe for concurrent use. */
    private static final MessageDigest SHA_256 = sha256();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[BITS / 8];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether the text has the shape of an id; anything else is not looked up at all. */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the id, base64url: the key a store files the session under. */
    public static String digest(String id) {
        byte[] hash = freshSha256().digest(id.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(hash);
    }

    /**
     * A clone of one SHA-256 instance: the redis strategy digests an id on every request, and
     * {@code MessageDigest.getInstance} looks the algorithm up among the providers each time, which cost
     * several times the hash itself (docs/BENCHMARKS.md).
     */
    private static MessageDigest freshSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
