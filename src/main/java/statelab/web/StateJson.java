package statelab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import statelab.lab.Cluster;
import statelab.lab.ClusterKind;
import statelab.lab.Lab;
import statelab.lab.LabEvent;
import statelab.lab.NodeView;
import statelab.scenario.RequestResult;
import statelab.scenario.Verdicts;
import statelab.scenario.Wire;
import statelab.json.Json;

/**
 * The documents of docs/API.md that describe the lab: {@code /api/clusters} and {@code /api/state}
 * (a rising {@code seq}; clusters with counters, verdict and last request; Redis; the jwt deny-list;
 * Alice's walk; the event log). Built fresh from the live lab on every call; the pieces are static so they can be
 * checked without a lab.
 */
final class StateJson {

    private final Lab lab;
    private final LabState state;
    private final LabActions actions;
    private final RedisKeyCount keys;
    /** Numbers the documents, so a page can drop one that arrives after a newer one. */
    private final AtomicLong seq = new AtomicLong();

    StateJson(Lab lab, LabState state, LabActions actions, RedisKeyCount keys) {
        this.lab = lab;
        this.state = state;
        this.actions = actions;
        this.keys = keys;
    }

    /**
     * {@code GET /api/clusters}: each cluster as the registry of cluster kinds describes it (key, title,
     * where the session lives), its balancer (which kind, its URL, its policy) and its nodes.
     */
    ArrayNode clusters() {
        ArrayNode clusters = Json.array();
        lab.clusters().forEach(c -> clusters.add(cluster(c)));
        return clusters;
    }

    /** {@code GET /api/state}: everything the page draws. */
    ObjectNode document() {
        ObjectNode root = Json.object();
        root.put("seq", seq.incrementAndGet());
        LabState.Snapshot snapshot = state.snapshot();
        ArrayNode clusters = root.putArray("clusters");
        for (Cluster cluster : lab.clusters()) {
            String strategy = cluster.strategy().key();
            ObjectNode node = cluster(cluster);
            LabState.Counters counters = snapshot.counters(strategy);
            ObjectNode count = node.putObject("counters").put("success", counters.success()).put("failure", counters.failure());
            count.set("byKind", Json.tree(counters.byKind()));
            node.put("verdict", Verdicts.of(strategy, snapshot.steps()));
            LabState.Last last = snapshot.last().get(strategy);
            node.set("last", last == null ? null : lastRequest(last.index(), last.result()));
            clusters.add(node);
        }
        ObjectNode redis = root.putObject("redis");
        redis.put("url", lab.redis().url()).put("managed", lab.redis().managed()).put("running", lab.redis().running())
                .put("persistence", lab.redis().persistent());
        redis.put("sessionKeys", keys.count());
        redis.put("replicated", lab.redis().replicated()).put("whole", lab.redis().whole());
        lab.redis().primaryAddress().ifPresent(primary -> redis.put("primary", primary));
        root.put("jwtRevocation", lab.jwtRevocation());
        root.set("walk", walk(actions.walk()));
        root.set("log", log(snapshot.log()));
        return root;
    }

    static ObjectNode cluster(Cluster cluster) {
        ObjectNode node = Json.object();
        ClusterKind kind = cluster.kind();
        node.put("key", kind.key());
        node.put("strategy", kind.key());
        node.put("title", kind.title());
        node.put("sessionHome", kind.sessionHome());
        node.put("usesRedis", kind.usesRedis());
        node.put("balancer", cluster.balancer().kind());
        node.put("lb", cluster.lbUri().toString());
        node.put("balancing", kind.balancing());
        node.set("nodes", nodes(cluster.nodes()));
        return node;
    }

    static ArrayNode nodes(List<NodeView> views) {
        ArrayNode nodes = Json.array();
        for (NodeView view : views) {
            nodes.addObject().put("id", view.id()).put("url", view.url().toString()).put("up", view.up())
                    .put("healthy", view.healthy()).put("sessions", view.sessions())
                    .put("pid", view.pid() > 0 ? view.pid() : null);
        }
        return nodes;
    }

    /** A LastRequest: the request as it really went, {@code kind} on failures only, status null when nothing answered. */
    static ObjectNode lastRequest(int index, RequestResult result) {
        ObjectNode node = Json.object();
        node.put("index", index).put("method", result.method()).put("path", result.path()).put("node", result.node());
        node.put("status", result.status() == 0 ? null : result.status());
        node.put("outcome", result.outcome().key());
        if (result.kind() != null) {
            node.put("kind", result.kind());
        }
        node.put("elapsedMicros", result.elapsedMicros());
        node.set("wire", wire(result.wire()));
        return node;
    }

    static ObjectNode wire(Wire wire) {
        ObjectNode node = Json.object();
        node.put("sentCookies", wire.sentCookies());
        node.set("setCookies", Json.tree(wire.setCookies()));
        node.put("servedBy", wire.servedBy());
        node.set("storeCommands", Json.tree(wire.storeCommands()));
        node.put("sessionMicros", wire.sessionMicros());
        node.put("credentialBytes", wire.credentialBytes());
        if (wire.token() == null) {
            node.putNull("token");
        } else {
            node.putObject("token").<ObjectNode>set("header", Json.tree(wire.token().header()))
                    .<ObjectNode>set("claims", Json.tree(wire.token().claims()))
                    .put("verified", wire.token().verified()).put("reason", wire.token().reason());
        }
        node.set("body", Json.tree(wire.body()));
        return node;
    }

    static ObjectNode walk(LabActions.Walk walk) {
        ObjectNode node = Json.object().put("user", walk.user()).put("sent", walk.sent());
        node.putObject("next").put("index", walk.nextIndex()).put("method", walk.nextMethod()).put("path", walk.nextPath());
        return node;
    }

    /** The events oldest first, as kept. */
    static ArrayNode log(List<LabEvent> events) {
        ArrayNode log = Json.array();
        for (LabEvent event : events) {
            log.addObject().put("at", event.at().toString()).put("type", event.type())
                    .put("strategy", event.strategy()).put("message", event.message());
        }
        return log;
    }
}
