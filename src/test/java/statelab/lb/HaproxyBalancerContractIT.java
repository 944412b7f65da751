package statelab.lb;

/**
 * The balancer contract on the system's HAProxy. It never skips: without an {@code haproxy} binary
 * the lab refuses to start, naming the Debian package, and every test here fails.
 */
class HaproxyBalancerContractIT extends BalancerContract {
    @Override
    String balancer() {
        return "haproxy";
    }
}
