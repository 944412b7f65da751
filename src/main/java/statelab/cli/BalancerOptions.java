package statelab.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import statelab.lb.BalancingPolicies;

/**
 * The options every command that puts a balancer in front of nodes takes ({@code lb}, {@code haproxy-config}):
 * the balancing policy and the backends. Both are checked here, once, with the same messages.
 */
final class BalancerOptions {
    /** More backends than a balancer of the lab is meant to front: a list that long is a mistake. */
    static final int MAX_BACKENDS = 64;

    @CommandLine.Option(names = "--policy", paramLabel = "POLICY", defaultValue = "round-robin",
            description = "'round-robin' (default) or 'sticky' (a cookie the balancer inserts pins each client to one node).")
    String policy;

    @CommandLine.Option(names = "--backend", paramLabel = "URL", required = true, arity = "1..*",
            description = "A node's URL, such as http://10.0.0.2:8081; repeat or list several.")
    List<String> backends = new ArrayList<>();

    /** The policy's key in {@link BalancingPolicies}; a UsageProblem for any other word. */
    String policyKey() throws UsageProblem {
        return switch (policy) {
            case "round-robin" -> BalancingPolicies.ROUND_ROBIN;
            case "sticky", "sticky-cookie" -> BalancingPolicies.STICKY_COOKIE;
            default -> throw new UsageProblem("--policy is 'round-robin' or 'sticky', not '" + policy + "'");
        };
    }

    /** The backends as URIs in the order given; a UsageProblem for a bad URL, one given twice, or too many. */
    List<URI> backendUris() throws UsageProblem {
        if (backends.size() > MAX_BACKENDS) {
            throw new UsageProblem("--backend: at most " + MAX_BACKENDS + " backends");
        }
        LinkedHashSet<URI> uris = new LinkedHashSet<>();
        for (String backend : backends) {
            if (!uris.add(Urls.balancer("--backend", backend))) {
                throw new UsageProblem("--backend " + backend + " is given twice");
            }
        }
        return List.copyOf(uris);
    }
}
