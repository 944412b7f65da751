package statelab;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import statelab.lab.Lab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/**
 * The one fixture every integration test goes through: a whole real lab (Redis, four clusters, every
 * server on a free loopback port) and, on demand, the page's web server, all closed by {@link #close()}.
 * Clients it hands out are closed with it.
 */
public final class TestLab implements AutoCloseable {
    public static final String ALICE_LOGIN = "{\"user\":\"alice\",\"password\":\"wonderland\"}";
    public static final String BOB_LOGIN = "{\"user\":\"bob\",\"password\":\"builder\"}";

    private final Lab lab;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private TestLab(Lab lab) {
        this.lab = lab;
    }

    /** The standard lab: four strategies, three nodes each, a Redis of its own. */
    public static TestLab start() throws Exception {
        return start(LabConfig.standard());
    }

    public static TestLab start(LabConfig config) throws Exception {
        try {
            return new TestLab(Lab.start(config));
        } catch (statelab.lb.haproxy.HaproxyMissingException e) {
            requireHaproxy();
            throw e;
        }
    }

    /**
     * For a test that runs the system's HAProxy: returns when {@code haproxy} is installed; otherwise
     * fails the test in CI (where these tests must run) and skips it elsewhere, as the browser tests do.
     */
    public static void requireHaproxy() {
        boolean installed = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/haproxy"))
                || java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "haproxy")));
        if (installed) {
            return;
        }
        String missing = "this test runs the system's haproxy, which is not installed (Debian: apt-get install haproxy)";
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(missing + "; in CI it must run, not be skipped");
        }
        org.junit.jupiter.api.Assumptions.abort(missing + "; skipped on this machine");
    }

    public Lab lab() {
        return lab;
    }

    public URI lb(Strategy strategy) {
        return lab.cluster(strategy).lbUri();
    }

    /** A new browser-like client (own cookie jar) against a cluster's balancer. */
    public LabClient client(Strategy strategy) {
        LabClient client = LabClient.forCluster(lab, lab.cluster(strategy));
        owned.add(client);
        return client;
    }

    /** A new client already signed in as alice through the cluster's balancer. */
    public LabClient signedInAlice(Strategy strategy) {
        LabClient client = client(strategy);
        RequestResult login = client.send("POST", "/login", ALICE_LOGIN);
        if (!login.succeeded()) {
            throw new IllegalStateException("alice could not sign in on " + strategy + ": " + login.summary());
        }
        return client;
    }

    /** Registers something to close with the lab (a web server, a driver, ...). */
    public <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // Closing is best effort: one failure must not keep the lab's servers running.
            }
        }
        lab.close();
    }
}
