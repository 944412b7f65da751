package statelab.hardening;

import statelab.lab.BalancerKinds;

/** {@link FramingAndHeadersIT} with the system's HAProxy in front of every cluster. */
class FramingAndHeadersHaproxyIT extends FramingAndHeadersIT {
    @Override
    String balancer() {
        return BalancerKinds.HAPROXY;
    }
}
