package statelab.hardening;

import java.net.URI;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import statelab.node.AppNode;
import statelab.node.NodeStores;
import statelab.session.redis.RedisLink;
import statelab.node.SessionCookies;
import statelab.session.InMemorySessionStrategy;
import statelab.session.LocalLoginThrottle;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.UserDirectory;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.JwtSessionStrategy;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.TokenVerifier;

/**
 * A real app node (Jetty on a free loopback port, the node's own handler and error handler) for the
 * fuzz tests, which send it one request per input. Started once per fuzz test, closed after it.
 */
final class FuzzNode implements AutoCloseable {
    private static final io.lettuce.core.resource.ClientResources RESOURCES =
            io.lettuce.core.resource.DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
    private final QueuedThreadPool pool = new QueuedThreadPool(32, 2);
    private final SessionStrategy sessions;
    private final AppNode node;

    private FuzzNode(SessionStrategy sessions) throws Exception {
        this.sessions = sessions;
        pool.setName("fuzz-node");
        pool.start();
        SessionPolicy policy = SessionPolicy.standard();
        node = new AppNode("S1", 0, sessions, UserDirectory.demo(), new SessionCookies(false),
                new LocalLoginThrottle(policy), pool, new NodeStores("S1",
                        // No Redis behind it: these fuzz tests never reach the state labs' endpoints.
                        new RedisLink(RESOURCES, "redis://127.0.0.1:1"),
                        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "statelab-fuzz-disks"))).start();
    }

    /** A node keeping sessions in its own memory. */
    static FuzzNode inMemory() throws Exception {
        return new FuzzNode(new InMemorySessionStrategy(SessionPolicy.standard()));
    }

    /** A node taking signed tokens, as a cookie or as a Bearer token. */
    static FuzzNode jwt() throws Exception {
        JwtKeys keys = JwtKeys.generate();
        SessionPolicy policy = SessionPolicy.standard();
        return new FuzzNode(new JwtSessionStrategy(TokenIssuer.signingWith(keys, policy), TokenVerifier.builder(keys.publicKeys()).build(),
                policy, statelab.session.RevocationList.none()));
    }

    URI uri() {
        return node.uri();
    }

    /** A genuine credential for alice, made by the node's own strategy. */
    String credentialForAlice() {
        return sessions.create("alice");
    }

    String cookieName() {
        return sessions.cookieName();
    }

    @Override
    public void close() throws Exception {
        node.close();
        pool.stop();
    }
}
