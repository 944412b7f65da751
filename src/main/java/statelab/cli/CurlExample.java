package statelab.cli;

import statelab.lab.Cluster;
import statelab.lab.Lab;

/**
 * The two curl commands the lab prints at start: sign in, then ask for the profile, on the in-memory
 * cluster (the first one otherwise). There the second request is meant to fail, and the text says so,
 * so a newcomer reads the 401 as the lesson and not as a broken lab.
 */
final class CurlExample {
    private CurlExample() {
    }

    static String text(Lab lab) {
        Cluster cluster = lab.clusters().stream().filter(c -> c.strategy().key().equals("in-memory"))
                .findFirst().orElse(lab.clusters().get(0));
        String key = cluster.strategy().key();
        String lb = cluster.lbUri().toString();
        // The HTTPS mode's certificate is self-signed, made at start: curl must be told to accept it.
        String curl = lab.config().https() ? "curl -k" : "curl";
        StringBuilder out = new StringBuilder("Sign in as alice / wonderland or bob / builder, e.g. on the " + key + " cluster:\n");
        out.append("  ").append(curl).append(" -c jar -b jar -H 'Content-Type: application/json' -d '{\"user\":\"alice\",\"password\":\"wonderland\"}' ")
                .append(lb).append("/login\n");
        out.append("  ").append(curl).append(" -i -c jar -b jar ").append(lb).append("/profile\n");
        if (key.equals("in-memory")) {
            out.append("The second request is meant to fail (401 not-recognised): round-robin sends it to a node that\n")
                    .append("never saw the sign-in. Send both to the redis or jwt line instead and both succeed.\n");
        }
        return out.toString();
    }
}
