package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;

/**
 * The state labs' node endpoints (docs/STATE-LABS.md): bad input is a 4xx problem and changes
 * nothing, an avatar is a PNG or a JPEG by its bytes and at most 1 MiB, one file per user per node,
 * a node's directory goes with the node, and a reset removes everything the labs wrote.
 */
class StateLabEndpointsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Generous; past it the lab is stuck, and the test fails instead of waiting on. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
    private static final int MIB = 1024 * 1024;
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard();
    private static String cookie;

    @BeforeAll
    static void start_lab_and_sign_in() throws Exception {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        cookie = alice.jar().header();
    }

    @Test
    void a_price_that_is_not_a_whole_number_in_range_is_400_and_leaves_the_price_alone() throws Exception {
        URI s1 = node(Strategy.REDIS, 0);
        long before = price(s1, "shared");
        for (String body : List.of("{\"price\": -1}", "{\"price\": 0}", "{\"price\": 1000001}", "{\"price\": 1.5}",
                "{\"price\": \"12\"}", "{\"price\": 12, \"more\": 1}", "[12]", "{}", "not json", "{\"price\": 1e400}")) {
            HttpResponse<byte[]> answer = send(s1, "POST", "/catalog/price", "application/json", body.getBytes(), null);
            assertProblem(answer, 400, "bad-request");
        }
        assertProblem(send(s1, "POST", "/catalog/price", "text/plain", "{\"price\": 5}".getBytes(), null), 415,
                "unsupported-media-type");
        assertThat(price(s1, "shared")).isEqualTo(before);
    }

    @Test
    void a_price_change_is_seen_at_once_through_the_shared_cache_and_late_through_other_nodes_memories() throws Exception {
        URI s1 = node(Strategy.JWT, 0);
        URI s2 = node(Strategy.JWT, 1);
        price(s2, "local");
        HttpResponse<byte[]> change = send(s1, "POST", "/catalog/price", "application/json",
                ("{\"price\": " + (price(s1, "shared") + 7) + "}").getBytes(), null);
        assertThat(change.statusCode()).isEqualTo(200);
        long changed = JSON.readTree(change.body()).get("price").asLong();

        assertThat(price(s2, "shared")).isEqualTo(changed);
        assertThat(price(s1, "local")).isEqualTo(changed);
        JsonNode stale = JSON.readTree(send(s2, "GET", "/catalog/price?variant=local", null, null, null).body());
        assertThat(stale.get("cached").asBoolean()).isTrue();
        assertThat(stale.get("price").asLong()).isNotEqualTo(changed);
    }

    @Test
    void a_bad_variant_or_method_is_a_problem_not_a_guess() throws Exception {
        URI s1 = node(Strategy.REDIS, 0);
        assertProblem(send(s1, "GET", "/catalog/price?variant=everywhere", null, null, null), 400, "bad-request");
        assertProblem(send(s1, "GET", "/avatar?variant=../../etc/passwd", null, null, cookie), 400, "bad-request");
        assertProblem(send(s1, "GET", "/catalog/price?variant=local&variant=shared", null, null, null), 400, "bad-request");
        assertProblem(send(s1, "PUT", "/catalog/price", "application/json", "{\"price\":5}".getBytes(), null), 405,
                "method-not-allowed");
        assertProblem(send(s1, "DELETE", "/avatar", null, null, cookie), 405, "method-not-allowed");
    }

    @Test
    void an_upload_needs_a_signed_in_user() throws Exception {
        assertProblem(send(testLab.lb(Strategy.REDIS), "POST", "/avatar?variant=shared", "image/png", png(100), null),
                401, "not-recognised");
        assertProblem(send(testLab.lb(Strategy.REDIS), "GET", "/avatar?variant=shared", null, null, null),
                401, "not-recognised");
    }

    @Test
    void anything_but_a_png_or_a_jpeg_by_its_first_bytes_is_415() throws Exception {
        URI s1 = node(Strategy.REDIS, 0);
        byte[] gif = "GIF89a........".getBytes();
        assertProblem(send(s1, "POST", "/avatar?variant=local", "image/png", gif, cookie), 415, "unsupported-media-type");
        assertProblem(send(s1, "POST", "/avatar?variant=local", "image/gif", png(50), cookie), 415, "unsupported-media-type");
        assertProblem(send(s1, "POST", "/avatar?variant=local", "image/jpeg", png(50), cookie), 415, "unsupported-media-type");
        assertProblem(send(s1, "POST", "/avatar?variant=local", "text/html", "<script>".getBytes(), cookie), 415,
                "unsupported-media-type");
        assertProblem(send(s1, "POST", "/avatar?variant=local", null, new byte[0], cookie), 415, "unsupported-media-type");
        HttpResponse<byte[]> jpeg = send(s1, "POST", "/avatar?variant=shared", "image/jpeg", jpeg(64), cookie);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> back = send(s1, "GET", "/avatar?variant=shared", null, null, cookie);
        assertThat(back.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(back.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void an_avatar_over_one_mib_is_413_from_the_node_and_through_the_balancer() throws Exception {
        byte[] over = png(MIB + 1);
        assertProblem(send(node(Strategy.REDIS, 1), "POST", "/avatar?variant=local", "image/png", over, cookie), 413, "too-large");
        assertProblem(send(testLab.lb(Strategy.REDIS), "POST", "/avatar?variant=local", "image/png", over, cookie), 413,
                "too-large");
        HttpResponse<byte[]> exactly = send(testLab.lb(Strategy.REDIS), "POST", "/avatar?variant=shared", "image/png",
                png(MIB), cookie);
        assertThat(exactly.statusCode()).isEqualTo(200);
    }

    @Test
    void a_node_keeps_one_avatar_per_user_and_its_disk_use_stays_bounded() throws Exception {
        URI s3 = node(Strategy.REDIS, 2);
        Path directory = directoryOf("S3", s3);
        for (int i = 0; i < 5; i++) {
            assertThat(send(s3, "POST", "/avatar?variant=local", "image/png", png(MIB - i), cookie).statusCode()).isEqualTo(200);
        }

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(bytesUnder(testLab.lab().disks())).isLessThanOrEqualTo(testLab.lab().clusters().size() * 3L * 2 * MIB);
        HttpResponse<byte[]> back = send(s3, "GET", "/avatar?variant=local", null, null, cookie);
        assertThat(back.body()).hasSize(MIB - 4);
        assertProblem(send(node(Strategy.REDIS, 0), "GET", "/avatar?variant=local", null, null, cookie), 404,
                "not-found-on-this-node");
    }

    @Test
    void naive_settings_exist_only_where_sessions_live_in_a_shared_store() throws Exception {
        LabClient inMemory = testLab.signedInAlice(Strategy.IN_MEMORY);
        URI s1 = node(Strategy.IN_MEMORY, 0);
        assertProblem(send(s1, "POST", "/settings?variant=naive", "application/json", "{\"theme\":\"dark\"}".getBytes(),
                inMemory.jar().header()), 400, "bad-request");
        assertProblem(send(node(Strategy.REDIS, 0), "POST", "/settings?variant=sloppy", "application/json",
                "{\"theme\":\"dark\"}".getBytes(), cookie), 400, "bad-request");
        HttpResponse<byte[]> naive = send(node(Strategy.REDIS, 1), "POST", "/settings?variant=naive", "application/json",
                "{\"theme\":\"naive-dark\"}".getBytes(), cookie);
        assertThat(JSON.readTree(naive.body()).get("settings").get("theme").asText()).isEqualTo("naive-dark");
    }

    @Test
    void a_killed_node_loses_its_directory_and_a_reset_removes_everything_the_labs_wrote() throws Exception {
        URI s2 = node(Strategy.REDIS, 1);
        assertThat(send(s2, "POST", "/avatar?variant=local", "image/png", png(2000), cookie).statusCode()).isEqualTo(200);
        assertThat(send(s2, "POST", "/avatar?variant=shared", "image/png", png(2000), cookie).statusCode()).isEqualTo(200);
        Path before = directoryOf("S2", s2);

        testLab.lab().kill("S2");
        assertThat(before).doesNotExist();
        testLab.lab().restart("S2");
        assertThat(directoryOf("S2", s2)).isNotEqualTo(before).isEmptyDirectory();

        testLab.lab().reset();
        assertThat(labKeys()).isEmpty();
        try (Stream<Path> all = Files.walk(testLab.lab().disks())) {
            assertThat(all.filter(Files::isRegularFile).toList()).isEmpty();
        }
        cookie = testLab.signedInAlice(Strategy.REDIS).jar().header();
    }

    private static URI node(Strategy strategy, int index) {
        return testLab.lab().cluster(strategy).nodes().get(index).url();
    }

    /** The directory of the node at {@code uri}, found by uploading a marker through it (then deleted). */
    private static Path directoryOf(String id, URI uri) throws Exception {
        byte[] marker = png(321);
        assertThat(send(uri, "POST", "/avatar?variant=local", "image/png", marker, cookie).statusCode()).isEqualTo(200);
        try (Stream<Path> dirs = Files.list(testLab.lab().disks())) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(id + "-")).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        if (Arrays.equals(Files.readAllBytes(file), marker)) {
                            Files.delete(file);
                            return dir;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no directory of " + id + " holds the upload");
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<String> labKeys() {
        RedisClient client = RedisClient.create(testLab.lab().redis().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(statelab.session.redis.RedisKeys.STATE_LABS + "*");
        } finally {
            client.shutdown();
        }
    }

    private static long price(URI node, String variant) throws Exception {
        HttpResponse<byte[]> answer = send(node, "GET", "/catalog/price?variant=" + variant, null, null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Served-By")).isPresent();
        return JSON.readTree(answer.body()).get("price").asLong();
    }

    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(PNG_START, 0, bytes, 0, Math.min(size, PNG_START.length));
        if (size > PNG_START.length) {
            bytes[size - 1] = (byte) size;
        }
        return bytes;
    }

    private static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(JPEG_START, 0, bytes, 0, JPEG_START.length);
        return bytes;
    }

    private static HttpResponse<byte[]> send(URI base, String method, String path, String type, byte[] body, String cookies)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(ANSWER_WITHIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (cookies != null && !cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertProblem(HttpResponse<byte[]> answer, int status, String kind) throws IOException {
        assertThat(answer).isNotNull();
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).get("kind").asText()).isEqualTo(kind);
    }
}
