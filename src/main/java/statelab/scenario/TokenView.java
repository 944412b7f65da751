package statelab.scenario;

import java.util.Map;

/**
 * A JWT as anyone holding it can read it: the decoded header and claims (they are only base64url,
 * not encrypted), and whether the signature verifies with the lab's public key.
 *
 * @param reason "signature verified", or why not
 */
public record TokenView(Map<String, Object> header, Map<String, Object> claims, boolean verified, String reason) {
}
