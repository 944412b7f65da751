package statelab.bench;

import java.time.Duration;

/**
 * Kill one node of the cluster under load, {@code at} after measuring began, then report the
 * failures and the time to recover. Applies to phases through a balancer only: straight to a node
 * there is nothing to recover to. The node is restarted after the phase.
 *
 * @param node the node id, such as {@code S1}
 * @param at   when, counted from the end of the warm-up
 */
public record KillPlan(String node, Duration at) {
}
