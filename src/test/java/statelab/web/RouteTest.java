package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static final Route.Endpoint NOTHING = call -> { };

    @Test
    void a_fixed_pattern_matches_only_its_own_path() {
        Route route = new Route("GET", "/api/state", NOTHING);
        assertThat(route.match("/api/state")).isEmpty();
        assertThat(route.match("/api/states")).isNull();
        assertThat(route.match("/api/state/")).isNull();
        assertThat(route.match("/api")).isNull();
    }

    @Test
    void a_named_segment_captures_the_node_id() {
        Route route = new Route("POST", "/api/lab/nodes/{id}/kill", NOTHING);
        assertThat(route.match("/api/lab/nodes/S1/kill")).isEqualTo(Map.of("id", "S1"));
        assertThat(route.match("/api/lab/nodes/S1/restart")).isNull();
    }

    @Test
    void a_named_segment_needs_exactly_one_non_empty_segment() {
        Route route = new Route("POST", "/api/lab/nodes/{id}/kill", NOTHING);
        assertThat(route.match("/api/lab/nodes//kill")).isNull();
        assertThat(route.match("/api/lab/nodes/S1/x/kill")).isNull();
        assertThat(new Route("POST", "/api/lab/nodes", NOTHING).match("/api/lab/nodes/S1")).isNull();
    }
}
