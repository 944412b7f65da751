package statelab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import statelab.session.jwt.JwtKeys;

/**
 * The token keys written for node processes: {@code jwt-keys.json} holds the signing key with its
 * private half (owner-only, 0600, in an owner-only temp folder), {@code jwks.json} the public keys
 * anyone may verify with. Each write replaces the files whole (written aside, then moved), so a node
 * never reads half a key. Deleted when the lab closes.
 */
final class LabKeyFile implements AutoCloseable {
    private final Path dir;

    private LabKeyFile(Path dir) {
        this.dir = dir;
    }

    static LabKeyFile create(JwtKeys keys) {
        try {
            LabKeyFile file = new LabKeyFile(Files.createTempDirectory("statelab-keys",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
            // Also gone when the JVM ends before the lab could close (stopped while it started): the folder
            // is registered first, so it is deleted after the files in it.
            file.dir.toFile().deleteOnExit();
            file.signingKeys().toFile().deleteOnExit();
            file.publicKeys().toFile().deleteOnExit();
            file.write(keys);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the lab could not write its key file", e);
        }
    }

    /** The file with the signing key, for {@code statelab node --jwks}. */
    Path signingKeys() {
        return dir.resolve("jwt-keys.json");
    }

    Path publicKeys() {
        return dir.resolve("jwks.json");
    }

    void write(JwtKeys keys) {
        try {
            replace(signingKeys(), keys.exportWithSigningKey().toString(false));
            replace(publicKeys(), keys.publicKeys().toString(true));
        } catch (IOException e) {
            throw new UncheckedIOException("the lab could not write its key file", e);
        }
    }

    private void replace(Path target, String json) throws IOException {
        Path aside = Files.createTempFile(dir, "keys", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(aside, json, StandardCharsets.UTF_8);
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
        dir.toFile().delete();
    }
}
