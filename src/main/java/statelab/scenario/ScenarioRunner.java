package statelab.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import statelab.lab.Lab;
import statelab.lab.LabEvent;

/**
 * Runs scenario steps against a live lab. Each user has one client per cluster, each with its own
 * cookie jar, and a position in the request cycle. A request step goes through every cluster's
 * balancer at once (the clusters are independent); a lab action goes through {@link Lab}.
 * The web page's "send next request" and the CLI's {@code run} both come through here.
 *
 * <p>One step at a time, under a lock that does not pin a virtual thread (not a monitor). A
 * {@code wait} step holds no lock while it waits, and {@link #close()} cuts it short.
 */
public final class ScenarioRunner implements AutoCloseable {
    private final ScenarioTarget target;
    /** The lab's own servers, for the state-lab steps that need more than requests; null for a remote target. */
    private final Lab lab;
    private final Map<String, String> passwords;
    private final Map<String, Map<String, LabClient>> clients = new HashMap<>();
    private final Map<String, RequestCycle> cycles = new HashMap<>();
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock turn = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private int requestIndex;
    private Figures figures = new Figures();
    private StateLabSteps stateLabs;
    private Crowd crowd;

    /** @param passwords each user's password, for logins */
    public ScenarioRunner(Lab lab, Map<String, String> passwords) {
        this(new LabTarget(lab), lab, passwords);
    }

    /** Runs against any target, such as clusters the lab does not run ({@link RemoteTarget}). */
    public ScenarioRunner(ScenarioTarget target, Map<String, String> passwords) {
        this(target, null, passwords);
    }

    private ScenarioRunner(ScenarioTarget target, Lab lab, Map<String, String> passwords) {
        this.target = target;
        this.lab = lab;
        this.passwords = Map.copyOf(passwords);
    }

    /** Runs every step, telling {@code progress} after each; stops early, with the steps so far, once closed. */
    public ScenarioReport run(Scenario scenario, Consumer<StepReport> progress) throws Exception {
        target.requireSupported(scenario);
        turn.lock();
        try {
            figures = new Figures();
            closeStateLabs();
        } finally {
            turn.unlock();
        }
        List<StepReport> reports = new ArrayList<>();
        for (Step step : scenario.steps()) {
            if (closed.getCount() == 0) {
                break;
            }
            StepReport report = run(step);
            reports.add(report);
            progress.accept(report);
        }
        List<String> keys = target.clusterKeys();
        turn.lock();
        try {
            closeStateLabs();
            return new ScenarioReport(scenario.name(), keys, reports, figures.document());
        } finally {
            turn.unlock();
        }
    }

    /** Runs one step; a {@code wait} ends early when the runner is closed. */
    public StepReport run(Step step) throws Exception {
        if (step instanceof Step.Wait s) {
            boolean cut = closed.await(s.duration().toNanos(), TimeUnit.NANOSECONDS);
            return action(step, cut ? "the wait was cut short: the run is stopping" : "waited " + s.duration().toMillis() + " ms");
        }
        turn.lock();
        try {
            return inTurn(step);
        } finally {
            turn.unlock();
        }
    }

    private StepReport inTurn(Step step) throws Exception {
        return switch (step) {
            case Step.SendNext s -> {
                RequestCycle.Request request = cycle(s.user()).next(s.user(), passwords.get(s.user()));
                yield send(s.user(), request.method(), request.path(), request.body());
            }
            case Step.Send s -> send(s.user(), s.method(), s.path(), s.body());
            case Step.Login s -> send(s.user(), "POST", "/login", RequestCycle.loginBody(s.user(), s.password()));
            case Step.Logout s -> send(s.user(), "POST", "/logout", null);
            case Step.Kill s -> labActed(action(step, target.kill(s.node()) ? s.node() + " crashed in every cluster" : s.node() + " was already down"));
            case Step.Restart s -> {
                target.restart(s.node());
                yield labActed(action(step, s.node() + " is back, with empty memory"));
            }
            case Step.AddNode s -> labActed(action(step, target.addNode() + " joined every cluster"));
            case Step.StateLab s -> action(step, stateLab(s.step()));
            case Step.StopRedis s -> {
                target.stopRedis();
                yield action(step, "Redis stopped");
            }
            case Step.StartRedis s -> {
                target.startRedis();
                yield action(step, "Redis started");
            }
            case Step.KillRedisPrimary s -> action(step, "Redis primary " + target.killRedisPrimary() + " killed: Sentinel promotes the replica");
            case Step.JwtRevocation s -> {
                target.setJwtRevocation(s.on());
                yield action(step, "jwt deny-list " + (s.on() ? "on" : "off"));
            }
            case Step.Wait s -> throw new IllegalStateException("a wait runs outside the turn");
        };
    }

    /** The figures the state-lab steps of the current run measured so far. */
    public Figures figures() {
        turn.lock();
        try {
            return figures;
        } finally {
            turn.unlock();
        }
    }

    private String stateLab(StateStep step) throws Exception {
        if (lab == null) {
            throw new UnsupportedStepException("'" + step + "' needs the lab's own servers; it cannot run against --target clusters");
        }
        if (stateLabs == null) {
            stateLabs = new StateLabSteps(lab, figures, (user, cluster) -> client(user, cluster.strategy().key()));
        }
        return switch (step) {
            case StateStep.PriceRead s -> stateLabs.priceRead(s);
            case StateStep.PriceSet s -> stateLabs.priceSet(s);
            case StateStep.AvatarUpload s -> stateLabs.avatarUpload(s);
            case StateStep.AvatarRead s -> stateLabs.avatarRead(s);
            case StateStep.Guess s -> stateLabs.guess(s);
            case StateStep.LoginThrottle s -> stateLabs.loginThrottle(s);
            case StateStep.Pairs s -> stateLabs.pairs(s);
            case StateStep.Drain s -> {
                lab.drain(s.node());
                labActed(null);
                yield s.node() + " drained in every cluster: it took no new requests and finished those in flight";
            }
            case StateStep.UsersStart s -> {
                if (crowd != null) {
                    crowd.close();
                }
                crowd = new Crowd(lab, s.count(), passwords);
                yield s.count() + " users signed in on every cluster and browsing";
            }
            case StateStep.UsersStop s -> {
                if (crowd == null) {
                    yield "no users were browsing";
                }
                crowd.stop(s.lastly());
                crowd.addTo(figures);
                String summary = crowd.summary();
                crowd.close();
                crowd = null;
                yield summary;
            }
            case StateStep.ShowFigure s -> {
                figures.show(s.figure(), s.keys());
                yield "the figures show " + s.figure();
            }
        };
    }

    /** Tells the browsing users that the lab changed, so they go on long enough to feel it. */
    private StepReport labActed(StepReport report) {
        if (crowd != null) {
            crowd.labActed();
        }
        return report;
    }

    private void closeStateLabs() {
        if (crowd != null) {
            crowd.close();
            crowd = null;
        }
        if (stateLabs != null) {
            stateLabs.close();
            stateLabs = null;
        }
    }

    /** The request {@code send next} would send for this user, such as {@code GET /profile}. */
    public String peekNext(String user) {
        turn.lock();
        try {
            return cycle(user).peek(user, passwords.get(user)).action();
        } finally {
            turn.unlock();
        }
    }

    /** The clusters' kind keys, in the order the table shows them. */
    public List<String> clusterKeys() {
        return target.clusterKeys();
    }

    /** How many requests were sent so far. */
    public int requestsSent() {
        turn.lock();
        try {
            return requestIndex;
        } finally {
            turn.unlock();
        }
    }

    private StepReport send(String user, String method, String path, String body) throws Exception {
        int index = ++requestIndex;
        Map<String, Future<RequestResult>> pending = new LinkedHashMap<>();
        for (String key : target.clusterKeys()) {
            LabClient client = client(user, key);
            pending.put(key, fanOut.submit(() -> client.send(method, path, body)));
        }
        Map<String, RequestResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, Future<RequestResult>> entry : pending.entrySet()) {
            try {
                results.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("request " + method + " " + path + " failed in " + entry.getKey(), e.getCause());
            }
        }
        String action = method + " " + path;
        target.publish(LabEvent.of("request", null, "#" + index + " " + action + " as " + user + ": " + results.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().summary()).reduce((a, b) -> a + "; " + b).orElse("")));
        return new StepReport(index, action, results, null);
    }

    private StepReport action(Step step, String note) {
        return new StepReport(null, step.action(), Map.of(), note);
    }

    private RequestCycle cycle(String user) {
        return cycles.computeIfAbsent(user, u -> new RequestCycle());
    }

    private LabClient client(String user, String key) {
        return clients.computeIfAbsent(user, u -> new HashMap<>()).computeIfAbsent(key, target::newClient);
    }

    /** Cuts a running wait short, then closes every client once the step in progress is done. */
    @Override
    public void close() {
        closed.countDown();
        turn.lock();
        try {
            closeStateLabs();
            clients.values().forEach(byCluster -> byCluster.values().forEach(LabClient::close));
            fanOut.shutdownNow();
        } finally {
            turn.unlock();
        }
    }
}
