package statelab.lb;

/** The balancer contract on our own balancer. */
class StatelabBalancerContractIT extends BalancerContract {
    @Override
    String balancer() {
        return "statelab";
    }
}
