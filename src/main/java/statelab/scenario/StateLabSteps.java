package statelab.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.NodeView;
import statelab.lab.Strategy;

/**
 * Runs the single-cluster state labs' steps (price, avatar, guesses, pairs) against a live lab and
 * adds what they saw to the run's {@link Figures}. Every step leaves the lab usable for the next run:
 * a new price is above every price read, each upload is a new image, each run guesses for a new
 * name, each pair writes values of its own; so a lab pressed twice measures the same thing twice.
 */
final class StateLabSteps implements AutoCloseable {
    private static final AtomicLong RUNS = new AtomicLong(System.nanoTime() & 0xffffff);

    private final Lab lab;
    private final Figures figures;
    private final BiFunction<String, Cluster, LabClient> clients;
    private final NodeCall http = new NodeCall();
    private final String run = Long.toString(RUNS.incrementAndGet(), 36);
    private final Map<String, byte[]> uploaded = new HashMap<>();
    private final Map<String, Long> readsAfterChange = new HashMap<>();
    private final Map<String, Long> avatarReads = new HashMap<>();
    private Boolean throttleBefore;
    private Long newPrice;
    private long highestPrice;

    /** @param clients the user's browser in a cluster (its cookie jar is the user's session there) */
    StateLabSteps(Lab lab, Figures figures, BiFunction<String, Cluster, LabClient> clients) {
        this.lab = lab;
        this.figures = figures;
        this.clients = clients;
    }

    String priceRead(StateStep.PriceRead step) {
        List<String> seen = new ArrayList<>();
        for (NodeView node : upNodes(step.cluster())) {
            NodeCall.Answer answer = http.json(node.url(), "GET", "/catalog/price?variant=" + step.variant(), null, null);
            if (!answer.ok() || !(answer.field("price") instanceof Number price)) {
                seen.add(node.id() + " " + answer.status());
                continue;
            }
            highestPrice = Math.max(highestPrice, price.longValue());
            boolean cached = Boolean.TRUE.equals(answer.field("cached"));
            String note = node.id() + " " + price + (cached ? " (cached)" : " (database)");
            if (newPrice != null) {
                long reads = readsAfterChange.merge(step.variant(), 1L, Long::sum);
                figures.atLeast("reads", reads);
                boolean stale = price.longValue() != newPrice;
                figures.add("staleReads", step.variant(), stale ? 1 : 0);
                note += stale ? " stale" : "";
            }
            seen.add(note);
        }
        return String.join(", ", seen);
    }

    String priceSet(StateStep.PriceSet step) {
        long price = step.relative() ? highestPrice + step.amount() : step.amount();
        if (price > StateStepParser.MAX_PRICE) {
            price = step.amount();
        }
        NodeCall.Answer answer = http.json(node(step.cluster(), step.node()).url(), "POST", "/catalog/price",
                "{\"price\":" + price + "}", null);
        if (answer.ok()) {
            newPrice = price;
            readsAfterChange.clear();
            return "the price is now " + price + " in the database; " + step.node() + " dropped its own cache entry";
        }
        return step.node() + " refused the change: " + answer.status();
    }

    String avatarUpload(StateStep.AvatarUpload step) {
        LabClient browser = clients.apply(step.user(), cluster(step.cluster()));
        byte[] image = TinyPng.random();
        NodeCall.Answer answer = http.send(browser.target(), "POST", "/avatar?variant=" + step.variant(), "image/png",
                image, browser.jar());
        if (!answer.ok()) {
            return "the upload failed: " + answer.summary();
        }
        uploaded.put(step.user() + "/" + step.variant(), image);
        avatarReads.remove(step.variant());
        figures.add("found", step.variant(), 0);
        return answer.node() + " stored the " + image.length + "-byte image " + answer.field("storedIn");
    }

    String avatarRead(StateStep.AvatarRead step) {
        LabClient browser = clients.apply(step.user(), cluster(step.cluster()));
        byte[] expected = uploaded.get(step.user() + "/" + step.variant());
        List<String> seen = new ArrayList<>();
        for (NodeView node : upNodes(step.cluster())) {
            NodeCall.Answer answer = http.send(node.url(), "GET", "/avatar?variant=" + step.variant(), null, null, browser.jar());
            boolean found = answer.ok() && expected != null && Arrays.equals(expected, answer.bytes());
            figures.add("found", step.variant(), found ? 1 : 0);
            figures.atLeast("of", avatarReads.merge(step.variant(), 1L, Long::sum));
            seen.add(node.id() + (found ? " found it" : answer.status() == 404 ? " 404 " + answer.field("kind")
                    : answer.ok() ? " an older image" : " " + answer.status()));
        }
        return String.join(", ", seen);
    }

    String guess(StateStep.Guess step) {
        String name = step.name() + "-" + run;
        String scope = lab.sharedLoginThrottle() ? "redis" : "node";
        URI balancer = cluster(step.cluster()).lbUri();
        long checked = 0;
        Map<String, Integer> byNode = new java.util.TreeMap<>();
        for (int i = 1; i <= step.count(); i++) {
            String body = "{\"user\":\"" + name + "\",\"password\":\"guess-" + i + "\"}";
            NodeCall.Answer answer = http.json(balancer, "POST", "/login", body, null);
            if (answer.status() == 401) {
                checked++;
                byNode.merge(answer.node(), 1, Integer::sum);
            }
        }
        figures.add("passwordsChecked", scope, checked);
        figures.set("guesses", step.count());
        long refused = step.count() - checked;
        return "counted by " + (scope.equals("redis") ? "Redis" : "each node") + ": " + checked + " of " + step.count()
                + " passwords checked for " + name + " " + byNode
                + (refused == 0 ? ", none refused" : ", " + refused + " refused unchecked (429)");
    }

    String loginThrottle(StateStep.LoginThrottle step) {
        if (throttleBefore == null) {
            throttleBefore = lab.sharedLoginThrottle();
        }
        lab.setSharedLoginThrottle(step.shared());
        return "failed sign-ins are counted " + (step.shared() ? "in Redis" : "by each node");
    }

    String pairs(StateStep.Pairs step) throws InterruptedException {
        LabClient browser = clients.apply(step.user(), cluster(step.cluster()));
        URI first = node(step.cluster(), step.first()).url();
        URI second = node(step.cluster(), step.second()).url();
        ConcurrentPairs.Result result = new ConcurrentPairs(http, browser.jar(), first, second, step.variant(), run)
                .run(step.count());
        figures.add("lostUpdates", step.variant(), result.lost());
        figures.set("pairs", step.count());
        return result.lost() + " of " + (2 * result.counted()) + " changes lost (" + step.variant() + ")"
                + (result.failed() > 0 ? "; " + result.failed() + " pairs not counted: a request failed" : "");
    }

    private Cluster cluster(String key) {
        return lab.cluster(Strategy.fromKey(key).orElseThrow(() -> new IllegalArgumentException("no cluster " + key)));
    }

    private List<NodeView> upNodes(String cluster) {
        return cluster(cluster).nodes().stream().filter(NodeView::up).toList();
    }

    private NodeView node(String cluster, String id) {
        return cluster(cluster).nodes().stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new statelab.lab.UnknownNodeException(id));
    }

    /** Puts the login throttle back where the run found it, and closes the connections. */
    @Override
    public void close() {
        if (throttleBefore != null && throttleBefore != lab.sharedLoginThrottle()) {
            lab.setSharedLoginThrottle(throttleBefore);
        }
        http.close();
    }
}
