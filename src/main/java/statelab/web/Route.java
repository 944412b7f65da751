package statelab.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the API's routing table: a method, a path pattern whose {@code {name}} segments
 * match any one non-empty segment, and the endpoint that answers.
 */
record Route(String method, String pattern, Endpoint endpoint) {

    /** Answers one request; any exception it throws becomes a problem answer. */
    @FunctionalInterface
    interface Endpoint {
        void serve(ApiCall call) throws Exception;
    }

    /** The named segments when the path fits the pattern, else null. */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
