package statelab.lab;

/**
 * No Redis answered at the URL the lab was given ({@code --redis URL}), so the lab does not start.
 * The message says where, why, and what to do instead.
 */
public final class RedisUnreachableException extends IllegalStateException {
    RedisUnreachableException(String url, String reason) {
        super("no Redis answers at " + url + " (" + reason + "); start one there, "
                + "or leave out --redis and the lab runs its own");
    }
}
