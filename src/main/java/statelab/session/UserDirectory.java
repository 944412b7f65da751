package statelab.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The lab's demo users and their salted password hashes, read from
 * {@code statelab/users.properties} on the class path. No password is stored anywhere.
 *
 * <p>An unknown user is checked against a dummy hash, so a wrong user name costs the same time
 * as a wrong password and does not reveal which names exist.
 */
public final class UserDirectory {
    private static final String RESOURCE = "/statelab/users.properties";

    private final Map<String, PasswordHash> users;
    private final PasswordHash dummy;

    public UserDirectory(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
        this.dummy = users.values().stream().findFirst()
                .orElseGet(() -> PasswordHash.of("no-such-user".toCharArray(), PasswordHash.DEFAULT_ITERATIONS));
    }

    /** This directory plus one more user (replacing one of the same name). */
    public UserDirectory withUser(String name, PasswordHash hash) {
        Map<String, PasswordHash> more = new TreeMap<>(users);
        more.put(name, hash);
        return new UserDirectory(more, dummy);
    }

    private UserDirectory(Map<String, PasswordHash> users, PasswordHash dummy) {
        this.users = Map.copyOf(users);
        this.dummy = dummy;
    }

    /** The demo users (alice, bob) from the class path. */
    public static UserDirectory demo() {
        Properties props = new Properties();
        try (InputStream in = UserDirectory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, PasswordHash> users = new TreeMap<>();
        props.forEach((name, hash) -> users.put((String) name, PasswordHash.parse((String) hash)));
        return new UserDirectory(users);
    }

    /**
     * Runs the password hash once on a background thread, so the JIT has compiled it before the first
     * real sign-in: cold, a 210,000-round hash takes seconds, and four clusters signing in at once on a
     * small machine would otherwise wait on the interpreter.
     */
    public UserDirectory warmedUp() {
        Thread.ofPlatform().daemon().name("password-hash-warm-up").start(() -> dummy.matches("warm-up".toCharArray()));
        return this;
    }

    /**
     * Whether this user exists and the password is theirs, computed on the caller's thread (nodes run it
     * on their own {@link PasswordChecks}). Null arguments answer false.
     */
    public boolean authenticate(String user, char[] password) {
        if (user == null || password == null) {
            return false;
        }
        PasswordHash hash = users.get(user);
        boolean matches = (hash != null ? hash : dummy).matches(password);
        return hash != null && matches;
    }
}
