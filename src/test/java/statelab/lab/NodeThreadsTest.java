package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/** The two kinds of node threads, by key and by the pool each makes. */
class NodeThreadsTest {

    @Test
    void each_kind_is_found_by_its_kebab_case_key_and_nothing_else_is() {
        assertThat(NodeThreads.byKey("platform")).contains(NodeThreads.PLATFORM);
        assertThat(NodeThreads.byKey("virtual")).contains(NodeThreads.VIRTUAL);
        assertThat(NodeThreads.byKey("Platform")).isEmpty();
        assertThat(NodeThreads.byKey(null)).isEmpty();
        assertThat(NodeThreads.keys()).containsExactly("platform", "virtual");
    }

    @Test
    void a_platform_pool_has_no_reserved_threads() {
        QueuedThreadPool pool = NodeThreads.PLATFORM.newPool("test");

        assertThat(pool.getVirtualThreadsExecutor()).isNull();
        assertThat(pool.getReservedThreads()).isZero();
        assertThat(pool.getMaxThreads()).isEqualTo(NodeThreads.MAX_PLATFORM);
        assertThat(pool.getName()).isEqualTo("test");
    }

    @Test
    void a_virtual_pool_hands_requests_to_virtual_threads() {
        assertThat(NodeThreads.VIRTUAL.newPool("test").getVirtualThreadsExecutor()).isNotNull();
    }

    @Test
    void a_lab_config_without_a_choice_means_platform_threads() {
        assertThat(LabConfig.standard().nodeThreads()).isEqualTo(NodeThreads.PLATFORM);
        assertThat(LabConfig.standard().withNodeThreads(null).nodeThreads()).isEqualTo(NodeThreads.PLATFORM);
        assertThat(LabConfig.standard().withNodeThreads(NodeThreads.VIRTUAL).withNodes(2).nodeThreads()).isEqualTo(NodeThreads.VIRTUAL);
    }
}
