package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.bench.jmh.Microbenchmarks;
import statelab.bench.jmh.SessionCreationBenchmark;
import statelab.bench.jmh.SessionFixture;
import statelab.bench.jmh.SessionResolutionBenchmark;
import statelab.session.Resolution;

/**
 * A smoke of the JMH microbenchmarks: each benchmark method's setup and one call, on the test lab's
 * Redis, and JMH itself finding and running one benchmark in this JVM. No timing is asserted.
 */
class MicrobenchmarksIT {

    @Test
    void every_benchmark_method_answers_what_a_node_would_get() throws Exception {
        try (TestLab lab = TestLab.start()) {
            SessionFixture f = new SessionFixture();
            f.open(lab.lab().redis().url());
            try {
                SessionResolutionBenchmark read = new SessionResolutionBenchmark();
                assertThat(read.inMemory_floor_mapGet(f).user()).isEqualTo("alice");
                assertThat(read.inMemory_resolve(f)).isInstanceOf(Resolution.Found.class);
                assertThat(read.redis_floor_bareGet(f)).contains("alice");
                assertThat(read.redis_resolve(f)).isInstanceOf(Resolution.Found.class);
                assertThat(read.jwt_floor_bareVerify(f)).isTrue();
                assertThat(read.jwt_floor_parseAndVerify(f)).isTrue();
                assertThat(read.jwt_resolve_uncached(f)).isInstanceOf(Resolution.Found.class);
                assertThat(read.jwt_resolve(f)).isInstanceOf(Resolution.Found.class);
                assertThat(read.jwt_resolve(f)).isInstanceOf(Resolution.Found.class);
                assertThat(read.jwt_resolve_withDenyList(f)).isInstanceOf(Resolution.Found.class);

                SessionCreationBenchmark create = new SessionCreationBenchmark();
                SessionCreationBenchmark.Signing signing = new SessionCreationBenchmark.Signing();
                signing.start();
                assertThat(create.floor_randomId()).hasSize(43);
                assertThat(create.inMemory_create(f)).hasSize(43);
                assertThat(create.redis_floor_bareSet(f)).isEqualTo("OK");
                assertThat(f.redis.resolve(create.redis_create(f))).isInstanceOf(Resolution.Found.class);
                assertThat(create.jwt_floor_bareSign(signing).split("\\.")).hasSize(3);
                assertThat(f.jwt.resolve(create.jwt_create(f))).isInstanceOf(Resolution.Found.class);
            } finally {
                f.close();
            }
        }
    }

    @Test
    void jmh_finds_and_runs_a_benchmark_in_this_jvm() throws Exception {
        int exit = Microbenchmarks.run(new String[] {"-f", "0", "-wi", "0", "-i", "1", "-r", "100ms",
                "SessionCreationBenchmark.floor_randomId"});

        assertThat(exit).isZero();
    }
}
