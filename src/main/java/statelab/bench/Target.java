package statelab.bench;

/**
 * Where a phase sends its load: through the cluster's balancer, through an HAProxy started for the
 * phase over the same nodes with the same policy (the yardstick for our balancer), or straight to
 * the cluster's first node.
 */
public enum Target {
    LB("lb"),
    HAPROXY("haproxy"),
    DIRECT("direct");

    private final String key;

    Target(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The target with this key; throws IllegalArgumentException for any other text. */
    public static Target fromKey(String key) {
        for (Target target : values()) {
            if (target.key.equals(key)) {
                return target;
            }
        }
        throw new IllegalArgumentException("no target '" + key + "' (lb, haproxy or direct)");
    }

    /** Whether load goes through a balancer (where a node can be killed under it), not to one node. */
    public boolean balanced() {
        return this != DIRECT;
    }

    @Override
    public String toString() {
        return key;
    }
}
