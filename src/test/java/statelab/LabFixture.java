package statelab;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import statelab.lab.Lab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.web.WebServer;

/**
 * A {@link TestLab} as a JUnit extension, closed however the tests end. In a static field
 * ({@code @RegisterExtension static final LabFixture testLab = LabFixture.standard();}) one lab serves
 * the whole class: started before its first test and before its own {@code @BeforeAll} methods. In an
 * instance field every test gets a fresh lab, started before the class's {@code @BeforeEach} methods.
 * With {@link #withPage()} the page's web server runs too. Its methods are the running TestLab's;
 * called while no lab runs they throw IllegalStateException.
 */
public final class LabFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final LabConfig config;
    private final boolean page;
    private boolean perClass;
    private TestLab running;
    private URI pageUri;

    private LabFixture(LabConfig config, boolean page) {
        this.config = config;
        this.page = page;
    }

    /** The standard lab: four strategies, three nodes each, a Redis of its own. */
    public static LabFixture standard() {
        return new LabFixture(LabConfig.standard(), false);
    }

    /** A lab of this configuration; a config that needs HAProxy skips or fails the class as TestLab does. */
    public static LabFixture of(LabConfig config) {
        return new LabFixture(config, false);
    }

    /** The same lab with the page's web server on a free port ({@link #page()}). */
    public LabFixture withPage() {
        return new LabFixture(config, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() throws Exception {
        running = TestLab.start(config);
        if (page) {
            pageUri = running.own(WebServer.start(running.lab(), 0)).uri();
        }
    }

    private void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** The page's base URL; only with {@link #withPage()}. */
    public URI page() {
        testLab();
        if (!page) {
            throw new IllegalStateException("this lab has no page server: register LabFixture...withPage()");
        }
        return pageUri;
    }

    /** The running TestLab. */
    public TestLab testLab() {
        if (running == null) {
            throw new IllegalStateException("the class's lab is not running (outside its tests, or it failed to start)");
        }
        return running;
    }

    public Lab lab() {
        return testLab().lab();
    }

    public URI lb(Strategy strategy) {
        return testLab().lb(strategy);
    }

    public LabClient client(Strategy strategy) {
        return testLab().client(strategy);
    }

    public LabClient signedInAlice(Strategy strategy) {
        return testLab().signedInAlice(strategy);
    }

    public <T extends AutoCloseable> T own(T resource) {
        return testLab().own(resource);
    }

    /** Waits (up to 10 s) until every cluster's balancer sees all of its nodes healthy. */
    public void awaitBalancersHealthy() {
        for (var cluster : lab().clusters()) {
            var balancer = cluster.balancer();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> balancer.backends().stream().allMatch(statelab.lb.BackendStatus::healthy));
        }
    }
}
