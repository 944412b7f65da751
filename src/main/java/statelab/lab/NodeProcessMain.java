package statelab.lab;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of the lab's own node processes ({@link OsProcessNodeLauncher}). It takes the same
 * options as {@code statelab node}, but only the ones the lab writes, and parses them by hand: the
 * command-line library and the rest of the CLI are start-up time that each of twelve processes would
 * pay for nothing (about 0.15 CPU-seconds a node, docs/BENCHMARKS.md). People start a node with
 * {@code statelab node}, which checks its options fully and explains mistakes.
 *
 * <p>A missing or malformed option prints one {@code error ...} line and exits with 2; the lab shows
 * that line in its own error.
 */
public final class NodeProcessMain {
    /** Options that take a value; the rest are switches. */
    private static final Set<String> VALUED = Set.of("--id", "--strategy", "--port", "--redis", "--redis-wait", "--jwks",
            "--login-throttle", "--threads");
    private static final Set<String> SWITCHES = Set.of("--jwt-revocation", "--https");

    private NodeProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneNode node;
        try {
            node = parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println("error " + e.getMessage());
            System.out.flush();
            System.exit(2);
            return;
        }
        System.exit(node.run(System.out));
    }

    /** The node these options describe; IllegalArgumentException naming the first option that is wrong. */
    static StandaloneNode parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (SWITCHES.contains(name)) {
                given.put(name, "true");
            } else if (VALUED.contains(name) && i + 1 < args.length) {
                given.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + name);
            }
        }
        ClusterKind kind = ClusterKinds.byKey(required(given, "--strategy"))
                .orElseThrow(() -> new IllegalArgumentException("--strategy is one of " + ClusterKinds.keys()));
        String jwks = given.get("--jwks");
        return new StandaloneNode(required(given, "--id"), kind, number(given, "--port"), required(given, "--redis"),
                number(given, "--redis-wait"), jwks == null ? null : Path.of(jwks), given.containsKey("--jwt-revocation"),
                !"node".equals(given.get("--login-throttle")), given.containsKey("--https"), "127.0.0.1", false, null,
                threads(given.get("--threads")));
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> given, String name) {
        try {
            return Integer.parseInt(given.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number");
        }
    }

    private static NodeThreads threads(String key) {
        if (key == null) {
            return NodeThreads.PLATFORM;
        }
        return NodeThreads.byKey(key).orElseThrow(() -> new IllegalArgumentException("--threads is one of " + NodeThreads.keys()));
    }
}
