package statelab.lab;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import statelab.session.LoginThrottle;

/**
 * One node's login throttle with a lab-wide switch between counting in the node's own memory and
 * counting in Redis, so the rate-limit lab can show both on the same running nodes. The switch is
 * the lab's, never the client's: an attacker cannot pick the weaker counter.
 */
final class SwitchableLoginThrottle implements LoginThrottle {
    private final LoginThrottle node;
    private final LoginThrottle redis;
    private final BooleanSupplier shared;

    /** @param shared read on every call: true counts in Redis, false in the node's memory */
    SwitchableLoginThrottle(LoginThrottle node, LoginThrottle redis, BooleanSupplier shared) {
        this.node = node;
        this.redis = redis;
        this.shared = shared;
    }

    private LoginThrottle current() {
        return shared.getAsBoolean() ? redis : node;
    }

    @Override
    public Optional<Duration> reserve(String user) {
        return current().reserve(user);
    }

    /**
     * Gives the attempt back where it is counted now; a switch between a reservation and its release
     * (only ever the lab's own doing) leaves one count in the other place, which its window clears.
     */
    @Override
    public void release(String user) {
        current().release(user);
    }

    @Override
    public String scope() {
        return current().scope();
    }
}
