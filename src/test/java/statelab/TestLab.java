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
        return new TestLab(Lab.start(config));
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
