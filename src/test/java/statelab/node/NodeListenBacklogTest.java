package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.file.Path;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.ListenBacklog;
import statelab.session.InMemorySessionStrategy;
import statelab.session.LocalLoginThrottle;
import statelab.session.SessionPolicy;
import statelab.session.UserDirectory;
import statelab.session.redis.RedisLink;

class NodeListenBacklogTest {
    private final QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    private final ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
    private AppNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.kill();
        }
        threads.stop();
        resources.shutdown();
    }

    @Test
    void two_hundred_users_connecting_at_once_are_all_held_while_the_node_is_busy(@TempDir Path disks) throws Exception {
        threads.start();
        SessionPolicy policy = SessionPolicy.standard();
        // No Redis behind it (port 1): the test never reaches a store, only the listening socket.
        node = new AppNode("S1", 0, new InMemorySessionStrategy(policy), UserDirectory.demo(), new SessionCookies(false),
                new LocalLoginThrottle(policy), threads, new NodeStores("S1", new RedisLink(resources, "redis://127.0.0.1:1"), disks))
                .start();

        // Java's default backlog of 50 held 51 here: 128 bench users starting together lost SYNs and a second each.
        assertThat(ListenBacklog.heldWhileNotAccepting(node.connector(), 200, 500)).isEqualTo(200);
    }
}
