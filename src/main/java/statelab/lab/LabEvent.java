package statelab.lab;

import java.time.Instant;

/**
 * Something that happened in the lab, for the page's event log and its live updates.
 *
 * @param type     kebab-case: {@code node-killed}, {@code node-restarted}, {@code node-added},
 *                 {@code node-down}, {@code node-up} (as the balancer saw it), {@code redis-stopped},
 *                 {@code redis-started}, {@code jwt-revocation}, {@code jwt-key-rotated}, {@code reset},
 *                 {@code request} (a scenario step ran), {@code error} (an action was refused)
 * @param strategy the cluster it happened in, or null for the whole lab
 * @param message  one readable sentence
 */
public record LabEvent(Instant at, String type, String strategy, String message) {

    public static LabEvent of(String type, String strategy, String message) {
        return new LabEvent(Instant.now(), type, strategy, message);
    }
}
