package statelab.bench;

/** Where a phase sends its load: through the cluster's balancer, or straight to its first node. */
public enum Target {
    LB("lb"),
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
        throw new IllegalArgumentException("no target '" + key + "' (lb or direct)");
    }

    @Override
    public String toString() {
        return key;
    }
}
