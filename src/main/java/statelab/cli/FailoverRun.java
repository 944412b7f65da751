package statelab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import statelab.lab.Lab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.FailoverDrill;
import statelab.json.Json;

/**
 * {@code statelab run failover --redis-ha}: a fresh lab with the redis cluster on a replicated Redis,
 * the primary killed under load ({@link FailoverDrill}), and the figures printed as text or as one
 * JSON document with a {@code figures} object. Exit 1 when a session made before the kill was lost.
 */
final class FailoverRun {
    static final String NAME = "failover";
    private static final int USERS = 12;

    private final LabConfig config;
    private final boolean json;

    FailoverRun(LabConfig config, boolean json) {
        this.config = config;
        this.json = json;
    }

    int call(PrintWriter out) throws Exception {
        if (!config.redisHa()) {
            throw new UsageProblem("run failover kills the Redis primary: start it with --redis-ha (a primary, a replica and three Sentinels)");
        }
        FailoverDrill.Figures figures;
        try (OrderlyStop stop = OrderlyStop.watching(System.err)) {
            Lab lab = stop.add(Lab.start(config.withStrategies(List.of(Strategy.REDIS))));
            if (!json) {
                out.println("failover: " + USERS + " users on the redis cluster, Redis through Sentinel " + lab.redis().url());
                out.flush();
            }
            figures = new FailoverDrill(lab, USERS).run();
        }
        out.println(json ? json(figures) : text(figures));
        out.flush();
        return figures.sessionsLost() == 0 ? 0 : 1;
    }

    private static String text(FailoverDrill.Figures f) {
        return String.join("\n",
                "killed primary     " + f.killedPrimary() + ", new primary " + f.newPrimary(),
                "failover           " + f.failoverMillis() + " ms (from the kill to the last failed request)",
                "failed requests    " + f.failedRequests() + " of " + f.requests(),
                "sessions lost      " + f.sessionsLost() + " of " + f.sessions() + " made before the kill");
    }

    private static String json(FailoverDrill.Figures f) throws Exception {
        ObjectNode root = Json.object().put("scenario", NAME);
        root.putObject("figures").put("failoverMillis", f.failoverMillis()).put("failedRequests", f.failedRequests())
                .put("requests", f.requests()).put("sessions", f.sessions()).put("sessionsLost", f.sessionsLost());
        root.putObject("redis").put("killedPrimary", f.killedPrimary()).put("newPrimary", f.newPrimary());
        return Json.prettyWriter().writeValueAsString(root);
    }
}
