package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.NodeView;
import statelab.lab.UnknownNodeException;
import statelab.scenario.ScenarioRunner;
import statelab.scenario.Step;
import statelab.scenario.StepReport;
import statelab.json.Json;

/**
 * Every change the page can make to the lab, taken {@link OneAtATime}. Alice's walk goes through one
 * shared {@link ScenarioRunner} (her cookie jars, her place in the request cycle); a reset replaces
 * it. Each step is recorded in {@link LabState}. Refusals are problems: 404 for an unknown node, 409
 * when the lab's state forbids the action (node already down, Redis already stopped or external).
 */
final class LabActions implements AutoCloseable {
    static final String WALKER = "alice";
    static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder");

    /** Where Alice's walk stands: requests sent, and the one "send next" will send. */
    record Walk(String user, int sent, int nextIndex, String nextMethod, String nextPath) {
    }

    private final Lab lab;
    private final LabState state;
    private final OneAtATime turns;
    private ScenarioRunner runner;
    private volatile Walk walk;

    LabActions(Lab lab, LabState state, Runnable changed) {
        this.lab = lab;
        this.state = state;
        this.runner = new ScenarioRunner(lab, PASSWORDS);
        this.walk = walkOf(runner);
        this.turns = new OneAtATime(() -> {
            walk = walkOf(runner);
            changed.run();
        });
    }

    /** The JSON login body of a demo user, such as bob for the measurements and the demo. */
    static String login(String user) {
        return Json.object().put("user", user).put("password", PASSWORDS.get(user)).toString();
    }

    /** Read without waiting for a running action: the walk as the last finished action left it. */
    Walk walk() {
        return walk;
    }

    /** Runs any action (a measurement, a demo) in turn with the lab's own actions. */
    <T> T serialised(String what, Callable<T> action) throws ProblemException {
        return turns.run(what, action);
    }

    void next() throws ProblemException {
        turns.run("send the next request", () -> {
            for (Cluster cluster : lab.clusters()) {
                HealthyView.await(cluster);
            }
            return record(new Step.SendNext(WALKER));
        });
    }

    void kill(String node) throws ProblemException {
        turns.run("kill " + node, () -> {
            if (nodes(node).stream().noneMatch(NodeView::up)) {
                throw new ProblemException(ProblemKind.NODE_ALREADY_DOWN, node + " is already down in every cluster; restart it first");
            }
            return record(new Step.Kill(node));
        });
    }

    void restart(String node) throws ProblemException {
        turns.run("restart " + node, () -> {
            nodes(node);
            return record(new Step.Restart(node));
        });
    }

    /** Drains the node in every cluster (no new requests, those in flight finish, then it stops); 409 when it is down. */
    void drain(String node) throws ProblemException {
        turns.run("drain " + node, () -> {
            if (nodes(node).stream().noneMatch(NodeView::up)) {
                throw new ProblemException(ProblemKind.NODE_ALREADY_DOWN, node + " is already down in every cluster; restart it first");
            }
            return record(new Step.StateLab(new statelab.scenario.StateStep.Drain(node)));
        });
    }

    void addNode() throws ProblemException {
        turns.run("add a node", () -> record(new Step.AddNode()));
    }

    void redis(boolean start) throws ProblemException {
        String verb = start ? "start" : "stop";
        turns.run(verb + " Redis", () -> {
            if (!lab.redis().managed()) {
                throw new ProblemException(ProblemKind.REDIS_EXTERNAL, "the lab does not run this Redis (" + lab.redis().url()
                        + "), so it cannot " + verb + " it");
            }
            if (start ? lab.redis().whole() : !lab.redis().running()) {
                throw new ProblemException(start ? ProblemKind.REDIS_ALREADY_RUNNING : ProblemKind.REDIS_ALREADY_STOPPED,
                        "Redis is already " + (start ? "running" : "stopped"));
            }
            return record(start ? new Step.StartRedis() : new Step.StopRedis());
        });
    }

    /** 409 unless the lab runs a replicated Redis with a live primary. */
    void killRedisPrimary() throws ProblemException {
        turns.run("kill the Redis primary", () -> {
            if (lab.redis().replicated() && !lab.redis().managed()) {
                throw new ProblemException(ProblemKind.REDIS_EXTERNAL, "the lab does not run this Redis (" + lab.redis().url() + "), so it cannot kill its primary");
            }
            if (!lab.redis().replicated()) {
                throw new ProblemException(ProblemKind.REDIS_NOT_REPLICATED, "this lab's Redis has no replica to fail over to; start the lab with --redis-ha");
            }
            if (!lab.redis().running()) {
                throw new ProblemException(ProblemKind.REDIS_PRIMARY_DOWN, "there is no live Redis primary to kill (a failover may be under way)");
            }
            return record(new Step.KillRedisPrimary());
        });
    }

    /** Redis's append-only file on or off while it runs; 409 for an external or a stopped Redis. */
    void redisPersistence(boolean on) throws ProblemException {
        turns.run("switch Redis persistence " + (on ? "on" : "off"), () -> {
            if (!lab.redis().managed()) {
                throw new ProblemException(ProblemKind.REDIS_EXTERNAL, "the lab does not run this Redis (" + lab.redis().url()
                        + "), so it cannot change its persistence");
            }
            if (lab.redis().replicated()) {
                throw new ProblemException(ProblemKind.REDIS_REPLICATED, "a replicated Redis keeps its copies on its replica; the persistence switch is for the single lab Redis");
            }
            if (!lab.redis().running()) {
                throw new ProblemException(ProblemKind.REDIS_STOPPED, "Redis is stopped; start it before changing its persistence");
            }
            lab.setRedisPersistence(on);
            return null;
        });
    }

    void jwtRevocation(boolean on) throws ProblemException {
        turns.run("switch the jwt deny-list " + (on ? "on" : "off"), () -> record(new Step.JwtRevocation(on)));
    }

    /** Every node fresh, Redis emptied, and a fresh runner: new cookie jars, the walk back at login. */
    void reset() throws ProblemException {
        turns.run("reset the lab", () -> {
            lab.reset();
            runner.close();
            runner = new ScenarioRunner(lab, PASSWORDS);
            state.reset();
            return null;
        });
    }

    private Void record(Step step) throws Exception {
        StepReport report = runner.run(step);
        state.record(report);
        // A lockout, or a logout that ended nothing, said in words in the event log.
        WalkNotices.of(WALKER, report).forEach(lab::publish);
        return null;
    }

    /** The node with this id in every cluster; UnknownNodeException when no cluster has it. */
    private List<NodeView> nodes(String id) {
        List<NodeView> found = lab.clusters().stream()
                .flatMap(c -> c.nodes().stream()).filter(n -> n.id().equals(id)).toList();
        if (found.isEmpty()) {
            throw new UnknownNodeException(id);
        }
        return found;
    }

    private static Walk walkOf(ScenarioRunner runner) {
        String[] next = runner.peekNext(WALKER).split(" ", 2);
        int sent = runner.requestsSent();
        return new Walk(WALKER, sent, sent + 1, next[0], next[1]);
    }

    @Override
    public void close() {
        runner.close();
    }
}
