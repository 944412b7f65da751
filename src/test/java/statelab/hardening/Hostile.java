package statelab.hardening;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import statelab.lab.Lab;
import statelab.lab.NodeView;
import statelab.lab.Strategy;

/**
 * One hostile input: how to write it for a target, and the answer the target must give. Plain
 * inputs go out with {@code Connection: close}; framing inputs go out as written, and the server
 * is expected to refuse them with a 400 and close the connection.
 *
 * @param name     what the attack is, as it reads in the test report
 * @param framing  whether this is a framing the server cannot parse (400 and close expected)
 * @param viaLb    whether to send it through the balancers too (false: straight to the nodes only)
 * @param request  the bytes to send to a target
 * @param expected what a target of a given cluster must answer
 */
record Hostile(String name, boolean framing, boolean viaLb, BiFunction<Target, URI, byte[]> request, Function<Target, Expected> expected) {

    /** Where an input is sent: one node straight (S2 of the cluster), or the cluster's balancer. */
    record Target(Strategy strategy, boolean viaLb) {
        URI uri(Lab lab) {
            if (viaLb) {
                return lab.cluster(strategy).lbUri();
            }
            return lab.cluster(strategy).nodes().stream().filter(n -> n.id().equals("S2")).map(NodeView::url)
                    .findFirst().orElseThrow();
        }

        String cookie() {
            return strategy.credentialCookie();
        }

        boolean jwt() {
            return strategy == Strategy.JWT;
        }

        @Override
        public String toString() {
            return strategy.key() + (viaLb ? " via LB" : " node S2");
        }

        static List<Target> all() {
            List<Target> targets = new ArrayList<>();
            for (Strategy strategy : Strategy.values()) {
                targets.add(new Target(strategy, false));
                targets.add(new Target(strategy, true));
            }
            return targets;
        }
    }

    /** The problem kinds allowed for one target, each with the status it must come with. */
    record Expected(Map<String, Integer> statusByKind) {
        static Expected of(int status, String... kinds) {
            Map<String, Integer> allowed = new LinkedHashMap<>();
            for (String kind : kinds) {
                allowed.put(kind, status);
            }
            return new Expected(allowed);
        }

        /** Also allows the login throttle's 429 {@code rate-limited}: these inputs repeat failed sign-ins. */
        Expected orRateLimited() {
            Map<String, Integer> allowed = new LinkedHashMap<>(statusByKind);
            allowed.put("rate-limited", 429);
            return new Expected(allowed);
        }

        @Override
        public String toString() {
            return statusByKind.toString();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    static Hostile plain(String name, int status, String kind, BiFunction<Target, URI, byte[]> request) {
        return new Hostile(name, false, true, request, t -> Expected.of(status, kind));
    }

    static Hostile plain(String name, Function<Target, Expected> expected, BiFunction<Target, URI, byte[]> request) {
        return new Hostile(name, false, true, request, expected);
    }

    /** A framing error: 400 {@code bad-request}, from Jetty's parser through ProblemErrorHandler. */
    static Hostile framing(String name, String raw) {
        return new Hostile(name, true, true, (t, host) -> raw.replace("{host}", host.getHost() + ":" + host.getPort())
                .getBytes(StandardCharsets.ISO_8859_1), t -> Expected.of(400, "bad-request"));
    }

    /** Odd but parseable framing, written as it is (with {@code Connection: close}), answered like any request. */
    static Hostile raw(String name, String raw, Function<Target, Expected> expected) {
        return new Hostile(name, false, true, (t, host) -> raw.replace("{host}", host.getHost() + ":" + host.getPort())
                .replace("{cookie}", t.cookie()).getBytes(StandardCharsets.ISO_8859_1), expected);
    }

    /** The same input, sent straight to the nodes only. */
    Hostile nodesOnly() {
        return new Hostile(name, framing, false, request, expected);
    }

    static byte[] get(String path, URI host, String... headers) {
        return send("GET", path, host, null, null, headers);
    }

    static byte[] post(String path, URI host, String type, byte[] body, String... headers) {
        return send("POST", path, host, type, body, headers);
    }

    static byte[] send(String method, String path, URI host, String type, byte[] body, String... headers) {
        List<String> lines = new ArrayList<>(Arrays.asList(headers));
        if (type != null) {
            lines.add("Content-Type: " + type);
        }
        if (body != null) {
            lines.add("Content-Length: " + body.length);
        }
        lines.add("Connection: close");
        return RawHttp.request(method, path, host, lines, body == null ? new byte[0] : body);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
