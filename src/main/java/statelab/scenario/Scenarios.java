package statelab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds scenarios: built-in ones by name (such as {@code seed}), or files by path. */
public final class Scenarios {
    private Scenarios() {
    }

    /** The built-in scenarios: the lesson's {@code seed} and the six state labs (docs/STATE-LABS.md). */
    public static final java.util.List<String> BUILT_IN = java.util.List.of("seed", "cache", "uploads", "rate-limit",
            "lost-update", "rolling-restart", "scale-out");

    /** The lesson's scenario of docs/LAB-SEMANTICS.md. */
    public static Scenario seed() {
        try {
            return builtIn("seed").orElseThrow();
        } catch (ScenarioSyntaxException e) {
            throw new IllegalStateException("the built-in seed scenario is broken", e);
        }
    }

    /** A built-in scenario, or empty when there is none by that name. */
    public static Optional<Scenario> builtIn(String name) throws ScenarioSyntaxException {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            return Optional.empty();
        }
        try (InputStream in = Scenarios.class.getResourceAsStream("/statelab/scenarios/" + name + ".scenario")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(ScenarioParser.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A built-in scenario by name, else a file by path, a relative path read from {@code folder};
     * throws with a clear message when neither exists. Messages name the file as the user wrote it.
     */
    public static Scenario load(String nameOrPath, Path folder) throws ScenarioSyntaxException, IOException {
        Optional<Scenario> builtIn = builtIn(nameOrPath);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path path = folder.resolve(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException("no built-in scenario and no file called '" + nameOrPath
                    + "' in " + folder + " (built in: " + String.join(", ", BUILT_IN) + ")");
        }
        return ScenarioParser.parse(nameOrPath, Files.readString(path, StandardCharsets.UTF_8));
    }
}
