package statelab.lab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the bundled redis-server cannot serve the redis cluster (Windows: Redis 5.0, no GETEX), the lab
 * refuses to start a Redis of its own, one server or a replicated set, and says what to pass instead.
 * The operating system is told through {@code os.name}, so the refusal is checked on any machine.
 */
class BundledRedisPlatformTest {
    private final String osName = System.getProperty("os.name");

    @AfterEach
    void restore_the_operating_system_name() {
        System.setProperty("os.name", osName);
    }

    @Test
    void on_windows_the_lab_refuses_to_start_its_own_redis_and_says_to_pass_one() {
        System.setProperty("os.name", "Windows 11");

        assertThatThrownBy(() -> EmbeddedRedis.start(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks GETEX").hasMessageContaining("--redis redis://");
    }

    @Test
    void on_windows_the_replicated_redis_is_refused_the_same_way() {
        System.setProperty("os.name", "Windows Server 2022");

        assertThatThrownBy(() -> ReplicatedRedis.launch(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks GETEX").hasMessageContaining("--redis redis://");
    }
}
