package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import statelab.lb.BackendStatus;
import statelab.lb.Balancer;
import statelab.lb.BalancerStats;

/** The cluster's bookkeeping against a scripted balancer and launcher (no servers). */
class ClusterTest {
    private final ScriptedBalancer balancer = new ScriptedBalancer();
    private final List<LabEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedLauncher launcher = new ScriptedLauncher();
    private final Cluster cluster = new Cluster(ClusterKinds.REDIS, launcher, balancer, events::add);

    @Test
    void a_restart_the_balancer_never_sees_healthy_is_a_failure() throws Exception {
        cluster.start(3);
        balancer.seesNodes = false;

        assertThatThrownBy(() -> cluster.restart("S1")).isInstanceOf(NodeNotSeenException.class)
                .hasMessageContaining("S1").hasMessageContaining("redis");
    }

    @Test
    void an_added_node_the_balancer_never_sees_is_a_failure() throws Exception {
        cluster.start(3);
        balancer.seesNodes = false;

        assertThatThrownBy(cluster::addNode).isInstanceOf(NodeNotSeenException.class);
    }

    @Test
    void readers_and_kills_do_not_wait_behind_a_restart_that_waits_for_the_balancer() throws Exception {
        cluster.start(3);
        balancer.holdHealthWaits = new CountDownLatch(1);
        Thread restart = Thread.ofVirtual().start(() -> {
            try {
                cluster.restart("S1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> balancer.waiting.get() == 1);

        List<NodeView> nodes = cluster.nodes();
        boolean killed = cluster.kill("S2");

        assertThat(nodes).hasSize(3);
        assertThat(killed).isTrue();
        balancer.holdHealthWaits.countDown();
        assertThat(restart.join(Duration.ofSeconds(30))).as("the restart ended once the balancer let it go").isTrue();
        assertThat(balancer.heldTooLong.get()).as("the held health wait was let go by the test, not by its time running out").isZero();
    }

    @Test
    void reset_removes_added_nodes_and_forgets_the_policy() throws Exception {
        cluster.start(3);
        cluster.addNode();
        cluster.addNode();
        cluster.kill("S2");

        cluster.reset();

        assertThat(cluster.nodes()).extracting(NodeView::id).containsExactly("S1", "S2", "S3");
        assertThat(cluster.nodes()).allMatch(NodeView::up);
        assertThat(balancer.backends).hasSize(3);
        assertThat(balancer.policyResets.get()).isEqualTo(1);
        assertThat(cluster.addNode()).as("the next added node is S4 again").isEqualTo("S4");
    }

    @Test
    void a_restarted_node_keeps_its_port() throws Exception {
        cluster.start(2);
        URI before = cluster.nodes().get(0).url();

        cluster.restart("S1");

        assertThat(cluster.nodes().get(0).url()).isEqualTo(before);
        assertThat(events).extracting(LabEvent::type).contains("node-restarted");
    }

    @Test
    void a_new_node_whose_port_was_taken_before_it_could_bind_starts_on_another() throws Exception {
        launcher.refuseBinds("S2", 1);

        cluster.start(3);

        assertThat(launcher.portsAskedFor.get("S2")).hasSize(2).doesNotHaveDuplicates();
        assertThat(cluster.nodes()).extracting(NodeView::id).containsExactly("S1", "S2", "S3");
        assertThat(cluster.nodes().get(1).url().getPort()).isEqualTo(launcher.portsAskedFor.get("S2").get(1));
    }

    /** A balancer that sees nodes healthy at once, never, or when the test lets it. */
    private static final class ScriptedBalancer implements Balancer {
        final List<URI> backends = new CopyOnWriteArrayList<>();
        final AtomicInteger policyResets = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger heldTooLong = new AtomicInteger();
        volatile boolean seesNodes = true;
        volatile CountDownLatch holdHealthWaits;

        @Override
        public Balancer start() {
            return this;
        }

        @Override
        public URI uri() {
            return URI.create("http://127.0.0.1:40000");
        }

        @Override
        public String kind() {
            return "scripted";
        }

        @Override
        public String policyId() {
            return "round-robin";
        }

        @Override
        public void addBackend(URI backend) {
            if (!backends.contains(backend)) {
                backends.add(backend);
            }
        }

        @Override
        public CompletableFuture<Void> drain(URI backend) {
            backends.remove(backend);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void removeBackend(URI backend) {
            backends.remove(backend);
        }

        @Override
        public List<BackendStatus> backends() {
            List<BackendStatus> all = new ArrayList<>();
            backends.forEach(b -> all.add(new BackendStatus(b, seesNodes, false, 0)));
            return all;
        }

        @Override
        public void onHealthChange(HealthListener listener) {
        }

        @Override
        public boolean awaitHealth(URI backend, boolean healthy, Duration timeout) throws InterruptedException {
            CountDownLatch hold = holdHealthWaits;
            if (hold != null) {
                waiting.incrementAndGet();
                // Bounded, so a test that fails before it lets go leaves no thread (nor a reader queued behind
                // it) waiting forever; a hold that ran out is counted, and the test that held it fails.
                if (!hold.await(60, TimeUnit.SECONDS)) {
                    heldTooLong.incrementAndGet();
                }
            }
            return seesNodes && backends.contains(backend);
        }

        @Override
        public BalancerStats stats() {
            return null;
        }

        @Override
        public void resetPolicy() {
            policyResets.incrementAndGet();
        }

        @Override
        public void close() {
        }
    }
}
