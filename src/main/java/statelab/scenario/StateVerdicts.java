package statelab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.session.LoginThrottle;

/**
 * Plain sentences for a state lab's figures, one per variant or cluster (the keys of its figures),
 * built from the numbers measured: a sentence says what was seen and, from the numbers alone, why.
 */
public final class StateVerdicts {
    private StateVerdicts() {
    }

    public static Map<String, String> of(Map<String, Object> figures) {
        List<String> keys = new ArrayList<>();
        figures.values().forEach(v -> {
            if (v instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> {
                    if (!keys.contains(k.toString())) {
                        keys.add(k.toString());
                    }
                });
            }
        });
        if (figures.containsKey("stickyUsersMoved") && !keys.contains("sticky")) {
            keys.add("sticky");
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String key : keys) {
            List<String> sentences = new ArrayList<>();
            figures.forEach((name, value) -> sentence(name, key, value, figures).ifPresent(sentences::add));
            verdicts.put(key, sentences.isEmpty() ? "Nothing was measured here." : String.join(" ", sentences));
        }
        return verdicts;
    }

    private static java.util.Optional<String> sentence(String figure, String key, Object value, Map<String, Object> all) {
        Long n = value instanceof Map<?, ?> map ? (Long) map.get(key) : null;
        if (figure.equals("stickyUsersMoved") && key.equals("sticky")) {
            long moved = (Long) value;
            return java.util.Optional.of(moved == 0 ? "Every sticky user stayed on the node that held their session."
                    : moved + " sticky users were moved to another node, away from their session.");
        }
        if (n == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(switch (figure) {
            case "staleReads" -> {
                long reads = plain(all, "reads");
                yield n > 0 ? n + " of " + reads + " reads after the change still showed the old price: the nodes that"
                        + " did not take the change kept serving their own copy."
                        : "None of the " + reads + " reads after the change showed the old price: the change removed"
                        + " the one copy every node reads.";
            }
            case "found" -> {
                long of = plain(all, "of");
                yield n < of ? "The avatar was found on " + n + " of " + of + " nodes: the other nodes' disks never"
                        + " received the file."
                        : "All " + of + " nodes found the avatar: they all read it from the same store.";
            }
            case "passwordsChecked" -> {
                long guesses = plain(all, "guesses");
                yield n > LoginThrottle.LIMIT ? n + " of " + guesses + " wrong passwords were checked: each node"
                        + " counted only the guesses it saw, so each allowed its own " + LoginThrottle.LIMIT + "."
                        : "Only " + n + " of " + guesses + " wrong passwords were checked: every node added to one"
                        + " count, and the name was locked once it reached " + LoginThrottle.LIMIT + ".";
            }
            case "lostUpdates" -> {
                long pairs = plain(all, "pairs");
                yield n > 0 ? n + " of " + (2 * pairs) + " changes were lost: two nodes read the same session, each"
                        + " changed its own setting, and the later write put back an old copy over the other's change."
                        : "No change was lost in " + pairs + " pairs: each change was one operation inside the store.";
            }
            case "failedRequests" -> n == 0 ? "No request failed." : n + " requests failed.";
            case "usersSignedOut" -> n == 0 ? "Nobody was signed out."
                    : n + " users were signed out: the node that held their session was restarted or never had it.";
            case "servedByNewNode" -> n > 0 ? "The new node served " + n + " requests as soon as it joined."
                    : "The new node served no request.";
            default -> null;
        });
    }

    private static long plain(Map<String, Object> figures, String name) {
        return figures.get(name) instanceof Long value ? value : 0;
    }
}
