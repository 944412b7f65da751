package statelab.scenario;

import java.util.List;

/**
 * The state labs' steps (docs/STATE-LABS.md): requests that show what a node keeps besides sessions
 * (a cached price, an uploaded file, a failure counter, a read-modify-write), the graceful side of
 * operations (drain), and several users at once. Steps with a {@code cluster} act on that one
 * cluster, the others on every cluster; each adds to the run's {@link Figures}.
 */
public sealed interface StateStep {

    /** The text shown for the step in tables and JSON. */
    String action();

    /** Reads the price once straight from each node that is up ({@code price read local}). */
    record PriceRead(String cluster, String variant) implements StateStep {
        @Override
        public String action() {
            return "price read " + variant + " on each node";
        }
    }

    /**
     * Changes the price through one node. With {@code relative}, the new price is {@code amount}
     * above the highest price this run has read, so that no cache can hold it already.
     */
    record PriceSet(String cluster, long amount, boolean relative, String node) implements StateStep {
        @Override
        public String action() {
            return "price set " + (relative ? "+" : "") + amount + " via " + node;
        }
    }

    /** Uploads a fresh small PNG as the user's avatar through the balancer. */
    record AvatarUpload(String cluster, String user, String variant) implements StateStep {
        @Override
        public String action() {
            return "avatar upload " + variant;
        }
    }

    /** Asks for the user's avatar once straight from each node that is up. */
    record AvatarRead(String cluster, String user, String variant) implements StateStep {
        @Override
        public String action() {
            return "avatar read " + variant + " on each node";
        }
    }

    /** Wrong passwords for one user name through the balancer; the name gets a suffix new to each run. */
    record Guess(String cluster, int count, String name) implements StateStep {
        @Override
        public String action() {
            return "guess " + count + " wrong passwords for " + name;
        }
    }

    /** Where every node counts failed sign-ins from now on: {@code node} or {@code redis}. */
    record LoginThrottle(boolean shared) implements StateStep {
        @Override
        public String action() {
            return "login-throttle " + (shared ? "redis" : "node");
        }
    }

    /**
     * Pairs of {@code POST /settings} for one session, each pair sent at the same instant (a barrier)
     * through two nodes and changing two different settings; then a read counts the changes lost.
     */
    record Pairs(String cluster, String user, int count, String variant, String first, String second) implements StateStep {
        @Override
        public String action() {
            return "pairs " + count + " settings " + variant + " via " + first + " " + second;
        }
    }

    /** Takes a node out of every balancer gracefully: no new requests, in-flight ones finish, then it stops. */
    record Drain(String node) implements StateStep {
        @Override
        public String action() {
            return "drain " + node;
        }
    }

    /** Several users (browsers) that sign in on every cluster and keep browsing until {@link UsersStop}. */
    record UsersStart(int count) implements StateStep {
        @Override
        public String action() {
            return "users " + count + " start";
        }
    }

    /**
     * Lets every user send {@code lastly} more requests after the last lab action, then stops them and
     * counts what they saw.
     */
    record UsersStop(int lastly) implements StateStep {
        @Override
        public String action() {
            return "users stop";
        }
    }

    /** Which figures the run's JSON shows: a figure, and optionally only some of its keys. */
    record ShowFigure(String figure, List<String> keys) implements StateStep {
        public ShowFigure {
            keys = List.copyOf(keys);
        }

        @Override
        public String action() {
            return "figures " + figure + (keys.isEmpty() ? "" : " " + String.join(" ", keys));
        }
    }
}
