package statelab.lb;

import java.net.URI;

/**
 * One backend as a balancer reports it.
 *
 * @param healthy   whether the balancer believes it healthy
 * @param draining  whether it is being drained (takes no new requests)
 * @param forwarded requests the balancer sent to it, retries included (0 when the balancer does not count)
 */
public record BackendStatus(URI uri, boolean healthy, boolean draining, long forwarded) {
}
