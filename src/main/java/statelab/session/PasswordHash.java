package statelab.session;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA512 password hash in the text form
 * {@code pbkdf2-sha512$iterations$salt$hash} (salt and hash base64). The iteration count
 * travels with the hash so it can be raised without breaking stored hashes.
 */
public final class PasswordHash {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final String PREFIX = "pbkdf2-sha512";
    /** The longest password, in UTF-8 bytes, that HMAC-SHA512 takes as its key without hashing it first. */
    public static final int MAX_PASSWORD_BYTES = 128;
    /** OWASP Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA512. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh 128-bit salt. */
    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Parses the text form; throws IllegalArgumentException when it is not one. */
    public static PasswordHash parse(String text) {
        String[] parts = text.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + " hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    }

    /**
     * Whether the password matches, compared in constant time. Only text the key derivation sees whole
     * can match: HMAC pads a key shorter than its block with zero bytes (so {@code "pw\0"} would hash as
     * {@code "pw"}), hashes a key longer than its block (so a long password has a short twin), and the
     * UTF-8 encoding turns a lone surrogate into {@code '?'}. Such text is refused after the same work.
     */
    public boolean matches(char[] password) {
        boolean whole = seenWhole(password);
        boolean equal = MessageDigest.isEqual(hash, derive(password, salt, iterations));
        return whole && equal;
    }

    /** No NUL, no lone surrogate, and at most {@value #MAX_PASSWORD_BYTES} bytes of UTF-8 (SHA-512's block). */
    static boolean seenWhole(char[] password) {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (char c : password) {
            if (c == '\0') {
                return false;
            }
        }
        try {
            return utf8.encode(CharBuffer.wrap(password)).remaining() <= MAX_PASSWORD_BYTES;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public String text() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 512);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
