package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code statelab run failover} as a user types it: a replicated Redis whose primary is killed under load. */
class FailoverRunIT {
    private final CliRun command = new CliRun();

    @Test
    void run_failover_json_reports_the_failover_and_no_session_lost() throws Exception {
        int exit = command.run("run", "failover", "--redis-ha", "--json");

        JsonNode figures = command.json().get("figures");
        assertThat(exit).as(command.err()).isZero();
        assertThat(figures.get("sessionsLost").asInt()).isZero();
        assertThat(figures.get("sessions").asInt()).isEqualTo(12);
        assertThat(figures.get("failoverMillis").asLong()).isPositive();
        assertThat(figures.get("failedRequests").asInt()).isLessThan(figures.get("requests").asInt());
    }

    @Test
    void run_failover_without_a_replicated_redis_is_a_usage_error_that_says_what_to_add() {
        int exit = command.run("run", "failover");

        assertThat(exit).isEqualTo(2);
        assertThat(command.err()).contains("--redis-ha").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void redis_ha_with_an_external_redis_is_a_usage_error() {
        int exit = command.run("run", "failover", "--redis-ha", "--redis", "redis://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(command.err()).contains("--redis-ha").doesNotContain("\tat ");
    }
}
