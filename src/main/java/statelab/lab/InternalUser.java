package statelab.lab;

import java.security.SecureRandom;
import java.util.Base64;
import statelab.session.PasswordHash;
import statelab.session.UserDirectory;

/**
 * The user the lab's own runs sign in as (the page's measurements and revocation demo), so that no
 * one can lock them out by guessing wrong as alice or bob: its name and password are drawn at random
 * for each lab and never shown, so a guesser cannot even name it to the throttle. The password has
 * 192 random bits, so the hash needs no stretching to resist guessing; a few rounds keep the lab's
 * start quick.
 *
 * @param name     {@code lab-} and 12 random characters
 * @param password 32 random base64url characters
 */
public record InternalUser(String name, String password) {
    private static final int ROUNDS = 1_000;

    /** A fresh random user. */
    public static InternalUser random() {
        SecureRandom random = new SecureRandom();
        return new InternalUser("lab-" + randomText(random, 9), randomText(random, 24));
    }

    /** The directory with this user added. */
    public UserDirectory addTo(UserDirectory users) {
        return users.withUser(name, PasswordHash.of(password.toCharArray(), ROUNDS));
    }

    /**
     * For a node run as a process of its own: the environment variable that carries this user as
     * {@code name=hash} (the hash only, never the password; the environment, unlike the command line,
     * is not shown to other users).
     */
    public static final String ENVIRONMENT = "STATELAB_INTERNAL_USER";

    /** The value of {@link #ENVIRONMENT} for this user. */
    public String environmentValue() {
        return name + "=" + PasswordHash.of(password.toCharArray(), ROUNDS).text();
    }

    /** The directory with the user named in {@link #ENVIRONMENT} added, or as it is when the variable is absent or malformed. */
    public static UserDirectory addFromEnvironment(UserDirectory users) {
        String value = System.getenv(ENVIRONMENT);
        int split = value == null ? -1 : value.indexOf('=');
        if (split <= 0) {
            return users;
        }
        try {
            return users.withUser(value.substring(0, split), PasswordHash.parse(value.substring(split + 1)));
        } catch (IllegalArgumentException e) {
            return users;
        }
    }

    /** The JSON body of {@code POST /login} as this user. */
    public String loginBody() {
        return "{\"user\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    @Override
    public String toString() {
        return "InternalUser[" + name + "]";
    }

    private static String randomText(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
