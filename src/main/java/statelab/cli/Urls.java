package statelab.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks the URLs the multi-host commands take, so a typo is a usage error that names the option. */
final class Urls {
    private Urls() {
    }

    /** An {@code http(s)://host:port} URL with nothing after the port; anything else is a {@link UsageProblem}. */
    static URI balancer(String option, String text) throws UsageProblem {
        try {
            URI uri = new URI(text);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!web || uri.getHost() == null || uri.getPort() < 1 || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UsageProblem(option + " takes a URL such as http://10.0.0.2:8081 (scheme, host and port, no path), not '" + text + "'");
            }
            return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
        } catch (URISyntaxException e) {
            throw new UsageProblem(option + " takes a URL such as http://10.0.0.2:8081, not '" + text + "' (" + e.getReason() + ")");
        }
    }
}
