package statelab.scenario;

import java.time.Duration;

/**
 * One line of a scenario. Requests go through every cluster's balancer; lab actions (kill, restart,
 * add, Redis) apply to every cluster at once, as the lesson's buttons do.
 */
public sealed interface Step {

    /** The text shown for this step in tables and JSON, such as {@code GET /profile} or {@code kill S1}. */
    String action();

    /** The next request in the user's cycle: login, profile, settings, dashboard, then profile, settings, dashboard, ... */
    record SendNext(String user) implements Step {
        @Override
        public String action() {
            return "next request";
        }
    }

    /** One explicit request; {@code body} is JSON or null. */
    record Send(String user, String method, String path, String body) implements Step {
        @Override
        public String action() {
            return method + " " + path;
        }
    }

    /** Sign in with a password. */
    record Login(String user, String password) implements Step {
        @Override
        public String action() {
            return "POST /login";
        }
    }

    record Logout(String user) implements Step {
        @Override
        public String action() {
            return "POST /logout";
        }
    }

    record Kill(String node) implements Step {
        @Override
        public String action() {
            return "kill " + node;
        }
    }

    record Restart(String node) implements Step {
        @Override
        public String action() {
            return "restart " + node;
        }
    }

    record AddNode() implements Step {
        @Override
        public String action() {
            return "add node";
        }
    }

    record StopRedis() implements Step {
        @Override
        public String action() {
            return "stop redis";
        }
    }

    record StartRedis() implements Step {
        @Override
        public String action() {
            return "start redis";
        }
    }

    /** Crash the Redis primary so Sentinel promotes the replica; only with a replicated Redis ({@code --redis-ha}). */
    record KillRedisPrimary() implements Step {
        @Override
        public String action() {
            return "kill redis-primary";
        }
    }

    record JwtRevocation(boolean on) implements Step {
        @Override
        public String action() {
            return "jwt-revocation " + (on ? "on" : "off");
        }
    }

    record Wait(Duration duration) implements Step {
        @Override
        public String action() {
            return "wait " + duration.toMillis() + "ms";
        }
    }

    /** A state lab's step (docs/STATE-LABS.md); its table row is a note of what it saw. */
    record StateLab(StateStep step) implements Step {
        @Override
        public String action() {
            return step.action();
        }
    }

    /** Whether the step sends a request (and so gets a number in the table). */
    default boolean isRequest() {
        return this instanceof SendNext || this instanceof Send || this instanceof Login || this instanceof Logout;
    }
}
