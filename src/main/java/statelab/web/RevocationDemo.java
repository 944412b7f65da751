package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.json.Json;

/**
 * {@code /api/revocation}: does a logout really end a session? On the redis and jwt clusters, the lab's own user
 * signs in and signs out with one client; then a fresh client, holding only the credential copied
 * before the logout, replays it. Redis answers from the store, where the logout left a revoked
 * marker; a JWT carries its own validity, so without the deny-list nothing tells a node it was
 * logged out. Its clients are its own (and so is its throttle: a lockout of alice or bob cannot stop the demo), so Alice's walk is untouched (rotation padded as well).
 */
final class RevocationDemo {
    static final String REPLAY = "GET /profile with the old credential";

    private final Lab lab;
    private final LabActions actions;
    private final EventStream events;
    private final RedisKeyCount keys;
    private volatile JsonNode latest = NullNode.getInstance();

    RevocationDemo(Lab lab, LabActions actions, EventStream events, RedisKeyCount keys) {
        this.lab = lab;
        this.actions = actions;
        this.events = events;
        this.keys = keys;
    }

    /** The last demo, or JSON null before the first run. */
    JsonNode latest() {
        return latest;
    }

    JsonNode run() throws ProblemException {
        return actions.serialised("run the revocation demo", () -> {
            ObjectNode doc = Json.object();
            doc.put("ranAt", Instant.now().toString());
            for (Strategy strategy : List.of(Strategy.REDIS, Strategy.JWT)) {
                Cluster cluster = lab.clusters().stream().filter(c -> c.strategy() == strategy).findFirst().orElse(null);
                doc.set(strategy.key(), cluster == null ? null : replay(cluster));
            }
            latest = doc;
            events.publish("revocation", doc.toString());
            return doc;
        });
    }

    private ObjectNode replay(Cluster cluster) throws ProblemException, InterruptedException {
        Strategy strategy = cluster.strategy();
        HealthyView.await(cluster);
        try (LabClient probe = LabClient.forCluster(lab, cluster); LabClient thief = LabClient.forCluster(lab, cluster)) {
            RequestResult login = probe.send("POST", "/login", lab.internalUser().loginBody());
            if (!login.succeeded()) {
                throw new ProblemException(ProblemKind.DEMO_FAILED, "the lab's own user could not sign in on the "
                        + strategy.key() + " cluster (" + login.summary() + "), so there is no credential to revoke");
            }
            String credential = probe.jar().get(strategy.credentialCookie());
            RequestResult logout = probe.send("POST", "/logout", null);
            // The replay is exactly what a copied cookie looks like: the old value, nothing else.
            thief.jar().put(strategy.credentialCookie(), credential);
            RequestResult replay = thief.send("GET", "/profile", null);
            RoundRobinPadding.complete(cluster, thief, 3);
            // The demo's session is the lab's, not the learner's: its revoked marker is not left to be counted.
            if (strategy == Strategy.REDIS && credential != null) {
                keys.forget(credential, lab.internalUser().name());
            }

            ObjectNode side = Json.object();
            side.putArray("steps").add(step("POST /login", login)).add(step("POST /logout", logout)).add(step(REPLAY, replay));
            side.put("replayAccepted", replay.succeeded());
            Long secondsLeft = secondsUntilExpiry(replay);
            if (strategy == Strategy.JWT) {
                side.put("secondsUntilExpiry", secondsLeft);
            }
            side.put("explanation", RevocationExplanation.of(strategy, replay, secondsLeft, lab.jwtRevocation()));
            return side;
        }
    }

    static ObjectNode step(String action, RequestResult result) {
        ObjectNode step = Json.object();
        step.put("action", action).put("node", result.node()).put("status", result.status() == 0 ? null : result.status());
        step.put("outcome", result.outcome().key());
        if (result.kind() != null) {
            step.put("kind", result.kind());
        }
        return step;
    }

    /** Seconds until the replayed token's {@code exp}, or null when it carries none (not a JWT). */
    static Long secondsUntilExpiry(RequestResult replay) {
        if (replay.wire().token() == null || !(replay.wire().token().claims().get("exp") instanceof Number exp)) {
            return null;
        }
        return Math.max(0, exp.longValue() - Instant.now().getEpochSecond());
    }
}
