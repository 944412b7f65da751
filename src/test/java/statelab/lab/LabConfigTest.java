package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import statelab.session.SessionPolicy;

class LabConfigTest {
    private final LabConfig standard = LabConfig.standard();

    @Test
    void each_wither_changes_its_own_component_and_no_other() throws Exception {
        SessionPolicy shortIdle = new SessionPolicy(Duration.ofMinutes(1), standard.sessionPolicy().absolute(), standard.sessionPolicy().clock());
        Map<String, UnaryOperator<LabConfig>> withers = Map.ofEntries(
                Map.entry("strategies", c -> c.withStrategies(List.of(Strategy.JWT))),
                Map.entry("nodesPerCluster", c -> c.withNodes(5)),
                Map.entry("redisUrl", c -> c.withRedisUrl("redis://127.0.0.1:6390")),
                Map.entry("redisPersistent", c -> c.withRedisPersistence(true)),
                Map.entry("sessionPolicy", c -> c.withSessionPolicy(shortIdle)),
                Map.entry("jwtRevocation", c -> c.withJwtRevocation(true)),
                Map.entry("sharedThrottle", c -> c.withSharedThrottle(false)),
                Map.entry("https", c -> c.withHttps(true)),
                Map.entry("balancer", c -> c.withBalancer(BalancerKinds.HAPROXY)),
                Map.entry("nodeProcesses", c -> c.withNodeProcesses(true)),
                Map.entry("redisHa", c -> c.withRedisHa(true)),
                Map.entry("nodeThreads", c -> c.withNodeThreads(NodeThreads.VIRTUAL)));

        assertThat(withers.keySet()).containsExactlyInAnyOrderElementsOf(componentNames());
        for (var wither : withers.entrySet()) {
            LabConfig changed = wither.getValue().apply(standard);
            for (RecordComponent component : LabConfig.class.getRecordComponents()) {
                Object before = component.getAccessor().invoke(standard);
                Object after = component.getAccessor().invoke(changed);
                if (component.getName().equals(wither.getKey())) {
                    assertThat(after).as("%s changes %s", wither.getKey(), component.getName()).isNotEqualTo(before);
                } else {
                    assertThat(after).as("%s leaves %s", wither.getKey(), component.getName()).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void a_change_is_checked_like_a_new_config() {
        assertThatThrownBy(() -> standard.withNodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.withBalancer("nginx")).isInstanceOf(IllegalArgumentException.class);
        assertThat(standard.withRedisUrl(null).externalRedis()).isEmpty();
    }

    private static List<String> componentNames() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : LabConfig.class.getRecordComponents()) {
            names.add(component.getName());
        }
        return names;
    }
}
