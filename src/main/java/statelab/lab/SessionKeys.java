package statelab.lab;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import statelab.session.redis.RedisKeys;

/** The lab's keys in Redis ({@code statelab:*}): counted for the page, removed on reset. Other keys are left alone. */
final class SessionKeys {
    static final String PATTERN = RedisKeys.ALL;

    private SessionKeys() {
    }

    /** Deletes every {@code statelab:*} key, so a reset starts with no sessions. */
    static void flush(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(PATTERN).limit(500)).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }
}
