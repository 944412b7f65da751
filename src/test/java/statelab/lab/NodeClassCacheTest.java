package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node class cache's bookkeeping, with a shell script standing in for the training node: it
 * prints the ready line, waits for its input to end, then writes the file the cache option names.
 */
class NodeClassCacheTest {
    private final AtomicInteger trainings = new AtomicInteger();

    /** A training run that behaves as a node does and writes {@code content} as the cache. */
    private Function<String, List<String>> training(String script) {
        return option -> {
            trainings.incrementAndGet();
            return List.of("sh", "-c", script, option);
        };
    }

    private static final String WRITES_CACHE = "echo ready 1; cat > /dev/null; printf cache > \"${0#*=}\"";

    @Test
    void the_first_caller_trains_once_and_every_node_then_starts_from_the_cache(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("statelab.jar"), "jar");
        NodeClassCache cache = NodeClassCache.forClassPath(jar.toString());

        List<String> first = cache.options(training(WRITES_CACHE));
        List<String> second = cache.options(training(WRITES_CACHE));

        assertThat(first).singleElement().asString().matches("-XX:(AOTCache|SharedArchiveFile)=.*statelab-node-.*");
        assertThat(second).isEqualTo(first);
        assertThat(trainings).hasValue(1);
        assertThat(Files.readString(cacheFile(first))).isEqualTo("cache");
        assertThat(cacheFile(first).getParent()).isEqualTo(dir);
        assertThat(partFiles(dir)).isEmpty();
    }

    @Test
    void a_cache_older_than_the_jar_is_made_again(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("statelab.jar"), "jar");
        Path made = cacheFile(NodeClassCache.forClassPath(jar.toString()).options(training(WRITES_CACHE)));
        Files.writeString(made, "stale");
        Files.setLastModifiedTime(made, FileTime.from(Instant.now().minusSeconds(3600)));

        List<String> again = NodeClassCache.forClassPath(jar.toString()).options(training(WRITES_CACHE));

        assertThat(trainings).hasValue(2);
        assertThat(Files.readString(cacheFile(again))).isEqualTo("cache");
    }

    @Test
    void a_cache_newer_than_the_jar_is_used_without_training(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("statelab.jar"), "jar");
        cacheFile(NodeClassCache.forClassPath(jar.toString()).options(training(WRITES_CACHE)));

        List<String> later = NodeClassCache.forClassPath(jar.toString()).options(training(WRITES_CACHE));

        assertThat(later).hasSize(1);
        assertThat(trainings).hasValue(1);
    }

    @Test
    void a_training_run_that_fails_leaves_no_cache_and_the_nodes_start_without_one(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("statelab.jar"), "jar");

        List<String> options = NodeClassCache.forClassPath(jar.toString())
                .options(training("echo ready 1; printf half > \"${0#*=}\"; exit 3"));

        assertThat(options).isEmpty();
        assertThat(partFiles(dir)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(jar);
        }
    }

    @Test
    void a_training_run_that_never_gets_ready_leaves_no_cache(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("statelab.jar"), "jar");

        List<String> options = NodeClassCache.forClassPath(jar.toString()).options(training("echo starting; exit 1"));

        assertThat(options).isEmpty();
    }

    @Test
    void classes_outside_a_single_jar_get_no_cache_and_no_training_run() {
        String classPath = String.join(File.pathSeparator, "target/classes", "lib/jetty.jar");

        assertThat(NodeClassCache.forClassPath(classPath).options(training(WRITES_CACHE))).isEmpty();
        assertThat(NodeClassCache.forClassPath("target/classes").options(training(WRITES_CACHE))).isEmpty();
        assertThat(trainings).hasValue(0);
    }

    private static Path cacheFile(List<String> options) {
        String option = options.get(0);
        return Path.of(option.substring(option.indexOf('=') + 1));
    }

    private static List<Path> partFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
