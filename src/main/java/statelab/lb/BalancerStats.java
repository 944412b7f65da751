package statelab.lb;

/** What a balancer counted since it started; a balancer that cannot count something reports 0. */
public interface BalancerStats {

    /** Requests sent upstream, retries included. */
    long forwarded();

    /** Requests sent again to another backend after the first did not take them. */
    long retries();

    /** Requests answered 503 {@code node-down} because no backend was healthy. */
    long nodeDownAnswers();

    /**
     * Connections to backends the balancer tried to open to carry requests, refused ones included (health
     * checks not counted). A balancer that keeps its connections to a node open opens far fewer than it
     * forwards requests.
     */
    long backendConnections();
}
