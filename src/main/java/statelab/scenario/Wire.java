package statelab.scenario;

import java.util.List;
import java.util.Map;

/**
 * What one request looked like on the wire, for the page's wire view.
 *
 * @param sentCookies     the {@code Cookie} header sent ("" when none)
 * @param setCookies      the {@code Set-Cookie} headers received
 * @param servedBy        the {@code X-Served-By} header, or null when no node answered
 * @param storeCommands   the Redis commands the node ran for it ({@code X-Store-Commands})
 * @param sessionMicros   the node's time finding the session ({@code Server-Timing: session}), or null
 * @param credentialBytes bytes of the credential-carrying header sent
 * @param token           the jwt credential decoded, or null for other strategies
 * @param body            the answer's JSON body, or null when it had none
 */
public record Wire(String sentCookies, List<String> setCookies, String servedBy, List<String> storeCommands,
                   Double sessionMicros, int credentialBytes, TokenView token, Map<String, Object> body) {
}
