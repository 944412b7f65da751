package statelab.cli;

import java.nio.file.Path;

/**
 * The folder the user typed the command in. The {@code statelab} script changes into the repo before
 * it starts the JVM and passes the folder it was called from as {@code statelab.caller.dir}; without
 * that property (the jar run by hand, tests) it is the JVM's own working folder. Every relative path
 * a user gives is resolved against it, so {@code run my.scenario} finds the file where the user is.
 */
final class CallerFolder {
    static final String PROPERTY = "statelab.caller.dir";

    private CallerFolder() {
    }

    /** The folder itself, absolute. */
    static Path get() {
        String given = System.getProperty(PROPERTY);
        return Path.of(given == null || given.isBlank() ? System.getProperty("user.dir") : given).toAbsolutePath();
    }

    /** An absolute path as given; a relative one against the caller's folder. */
    static Path resolve(String path) {
        Path given = Path.of(path);
        return given.isAbsolute() ? given : get().resolve(given).normalize();
    }
}
