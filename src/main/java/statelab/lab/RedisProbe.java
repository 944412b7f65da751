package statelab.lab;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Short questions to one redis-server or Sentinel on loopback, each on a fresh connection with a
 * short timeout; a server that does not answer is "no" (or empty), never an exception. Used to wait
 * for a replicated set-up to be ready and to find its current primary.
 */
final class RedisProbe implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final RedisClient client;

    RedisProbe(ClientResources resources) {
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build()).build());
    }

    /** Whether the server on this port answers PING. */
    boolean answers(int port) {
        return ask(port, c -> "PONG".equals(c.sync().ping())).orElse(false);
    }

    /** Whether the server on this port is a replica whose link to its primary is up (so WAIT can count it). */
    boolean replicaLinked(int port) {
        return ask(port, c -> c.sync().info("replication").contains("master_link_status:up")).orElse(false);
    }

    /** The port of the primary this Sentinel names now; empty when it does not answer. */
    Optional<Integer> primaryPort(int sentinelPort, String master) {
        return askSentinel(sentinelPort, s -> {
            SocketAddress address = s.sync().getMasterAddrByName(master);
            return address instanceof InetSocketAddress inet ? inet.getPort() : null;
        });
    }

    /** Whether this Sentinel knows at least this many replicas and other Sentinels of the master. */
    boolean sentinelSees(int sentinelPort, String master, int replicas, int otherSentinels) {
        return askSentinel(sentinelPort, s -> {
            Map<String, String> state = s.sync().master(master);
            return Integer.parseInt(state.getOrDefault("num-slaves", "0")) >= replicas
                    && Integer.parseInt(state.getOrDefault("num-other-sentinels", "0")) >= otherSentinels;
        }).orElse(false);
    }

    private <T> Optional<T> ask(int port, Function<StatefulRedisConnection<String, String>, T> question) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri(port))) {
            return Optional.ofNullable(question.apply(connection));
        } catch (RedisException e) {
            return Optional.empty();
        }
    }

    private <T> Optional<T> askSentinel(int port, Function<StatefulRedisSentinelConnection<String, String>, T> question) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri(port))) {
            return Optional.ofNullable(question.apply(connection));
        } catch (RedisException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static RedisURI uri(int port) {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(TIMEOUT).build();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
