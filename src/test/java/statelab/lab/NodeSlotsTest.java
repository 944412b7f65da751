package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which node runs in which numbered slot, on which port, against a scripted launcher (no servers). */
class NodeSlotsTest {
    private final ScriptedLauncher launcher = new ScriptedLauncher();
    private final NodeSlots slots = new NodeSlots(ClusterKinds.REDIS, launcher);

    @Test
    void started_slots_are_numbered_from_s1_and_answer_their_nodes_uris_in_id_order() throws Exception {
        List<URI> uris = slots.start(3);

        assertThat(slots.occupants()).extracting(NodeSlots.Occupant::id).containsExactly("S1", "S2", "S3");
        assertThat(slots.occupants()).extracting(NodeSlots.Occupant::uri).containsExactlyElementsOf(uris);
        assertThat(slots.occupants()).allMatch(o -> o.node() != null && o.node().running());
    }

    @Test
    void a_restarted_slot_runs_a_fresh_node_on_its_old_port() throws Exception {
        slots.start(2);
        URI before = slots.uri("S1");
        RunningNode old = slots.occupants().get(0).node();

        URI after = slots.restart("S1");

        assertThat(after).isEqualTo(before);
        assertThat(old.running()).as("the old node was ended first").isFalse();
        assertThat(slots.occupants().get(0).node()).isNotSameAs(old).matches(RunningNode::running);
    }

    @Test
    void a_restart_whose_port_is_still_held_tries_the_same_port_again() throws Exception {
        slots.start(1);
        int port = slots.uri("S1").getPort();
        launcher.refuseBinds("S1", 2);

        slots.restart("S1");

        assertThat(launcher.portsAskedFor.get("S1")).hasSize(4).containsOnly(port);
    }

    @Test
    void a_new_node_whose_binds_are_all_refused_gives_up_after_five_ports_and_the_others_stay_stoppable() throws Exception {
        launcher.refuseBinds("S2", Integer.MAX_VALUE);

        assertThatThrownBy(() -> slots.start(3)).isInstanceOf(IOException.class).hasMessageContaining("Failed to bind");

        assertThat(launcher.portsAskedFor.get("S2")).hasSize(NodeSlots.FRESH_PORT_TRIES);
        assertThat(launcher.started).hasSize(2).allMatch(RunningNode::running);
        slots.stopAll();
        assertThat(launcher.started).noneMatch(RunningNode::running);
    }

    @Test
    void stopping_a_slot_answers_whether_a_node_was_up_and_keeps_the_slot() throws Exception {
        slots.start(2);

        boolean first = slots.stop("S2");
        boolean second = slots.stop("S2");

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(slots.occupants().get(1).node()).isNull();
        assertThat(slots.uri("S2")).as("a down slot keeps its port").isNotNull();
    }

    @Test
    void an_added_node_that_does_not_start_leaves_no_slot_behind() throws Exception {
        slots.start(3);
        launcher.failStartOf = "S4";

        assertThatThrownBy(slots::add).isInstanceOf(IOException.class);
        launcher.failStartOf = null;

        assertThat(slots.occupants()).hasSize(3);
        assertThat(slots.add()).isEqualTo("S4");
    }

    @Test
    void closing_the_added_slots_ends_their_nodes_and_frees_their_ids() throws Exception {
        slots.start(2);
        slots.add();
        slots.add();
        URI s3 = slots.uri("S3");
        URI s4 = slots.uri("S4");

        List<URI> closed = slots.closeAdded();

        assertThat(slots.startingIds()).containsExactly("S1", "S2");
        assertThat(closed).containsExactly(s3, s4);
        assertThat(launcher.started.subList(2, 4)).noneMatch(RunningNode::running);
        assertThat(slots.occupants()).extracting(NodeSlots.Occupant::id).containsExactly("S1", "S2");
        assertThat(slots.add()).isEqualTo("S3");
    }

    @Test
    void a_backend_is_named_by_the_slot_on_its_port() throws Exception {
        slots.start(2);

        assertThat(slots.idOf(slots.uri("S2"))).isEqualTo("S2");
        assertThat(slots.idOf(URI.create("http://127.0.0.1:1"))).isNull();
    }

    @Test
    void an_id_no_slot_has_is_an_unknown_node() throws Exception {
        slots.start(1);

        assertThatThrownBy(() -> slots.restart("S9")).isInstanceOf(UnknownNodeException.class);
        assertThatThrownBy(() -> slots.stop("S9")).isInstanceOf(UnknownNodeException.class);
        assertThatThrownBy(() -> slots.uri("S9")).isInstanceOf(UnknownNodeException.class);
    }
}
