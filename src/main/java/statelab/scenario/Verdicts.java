package statelab.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import statelab.session.FailureKind;

/**
 * One sentence per strategy that explains its outcomes, built only from what happened: which nodes
 * answered, which failed and how, and whether a node crashed in between. No sentence is canned per
 * strategy; the same rules read every cluster's results.
 */
public final class Verdicts {
    private Verdicts() {
    }

    public static String of(String strategy, List<StepReport> steps) {
        List<RequestResult> results = steps.stream().filter(StepReport::isRequest)
                .map(s -> s.results().get(strategy)).filter(Objects::nonNull).toList();
        if (results.isEmpty()) {
            return "No requests yet.";
        }
        long ok = results.stream().filter(RequestResult::succeeded).count();
        String score = ok + " of " + results.size() + " requests succeeded";
        Set<String> servers = results.stream().map(RequestResult::node).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        int crashAt = firstCrash(steps);
        if (ok == results.size()) {
            String spread = servers.size() > 1 ? ": " + servers.size() + " different nodes all recognised the session" : "";
            // A node switched off before the first request (a lesson step's set-up) is no crash the session lived through.
            String crash = crashAt > 0 && results.size() > crashAt ? ", and the crash of a node lost nothing" : "";
            return score + spread + crash + ".";
        }
        return score + ". " + explainFailures(steps, strategy, crashAt);
    }

    private static String explainFailures(List<StepReport> steps, String strategy, int crashAt) {
        List<RequestResult> results = steps.stream().filter(StepReport::isRequest).map(s -> s.results().get(strategy))
                .filter(Objects::nonNull).toList();
        List<RequestResult> failures = results.stream().filter(r -> !r.succeeded()).toList();
        // Newest first, so the sentence leads with what just happened.
        Map<String, Long> kinds = new java.util.LinkedHashMap<>();
        for (int i = failures.size() - 1; i >= 0; i--) {
            kinds.merge(failures.get(i).kind(), 1L, Long::sum);
        }
        String tally = kinds.entrySet().stream().map(e -> words(e.getKey()) + " " + times(e.getValue()))
                .collect(Collectors.joining(", "));
        Set<String> winners = results.stream().filter(RequestResult::succeeded).map(RequestResult::node)
                .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> losers = failures.stream().map(RequestResult::node)
                .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        String latest = failures.get(failures.size() - 1).kind();
        boolean onlyNotRecognised = kinds.size() == 1 && kinds.containsKey(FailureKind.NOT_RECOGNISED.key());
        boolean allGoodBeforeCrash = crashAt > 0 && results.subList(0, Math.min(crashAt, results.size())).stream()
                .allMatch(RequestResult::succeeded);
        if (onlyNotRecognised && allGoodBeforeCrash && winners.size() == 1) {
            return "Every request reached " + winners.iterator().next() + " until it crashed; after that "
                    + String.join(" and ", losers) + " had never seen the session (" + tally + ").";
        }
        if (onlyNotRecognised && winners.size() == 1 && !losers.contains(winners.iterator().next())) {
            return "Only " + winners.iterator().next() + ", the node holding the session, recognised it; "
                    + String.join(" and ", losers) + " had never seen it (" + tally + ").";
        }
        return lead(latest) + " Failures so far, newest first: " + tally + ".";
    }

    private static String lead(String latest) {
        if (latest == null) {
            return "Latest failure: no reason given.";
        }
        return FailureKind.fromKey(latest).map(kind -> switch (kind) {
            case STORE_DOWN -> "Latest failure: the nodes could not reach Redis, so they could not tell who was asking.";
            case NODE_DOWN -> "Latest failure: no node was up to answer.";
            case NOT_RECOGNISED -> "Latest failure: the node that answered did not know the session.";
            case REVOKED -> "Latest failure: the session had been logged out.";
            case EXPIRED -> "Latest failure: the session had expired.";
            case RATE_LIMITED -> "Latest failure: too many failed sign-ins, so sign-in was refused for a while.";
            case BAD_CREDENTIAL -> "Latest failure: the credential was not genuine.";
        }).orElse("Latest failure: the request itself was refused (" + latest + "), not the session.");
    }

    /** A failure kind's key in plain words, for a sentence; a kind that is no session failure kind as its key. */
    static String words(String key) {
        if (key == null) {
            return "unexplained";
        }
        return FailureKind.fromKey(key).map(kind -> switch (kind) {
            case NOT_RECOGNISED -> "session not recognised";
            case NODE_DOWN -> "no node up";
            case STORE_DOWN -> "Redis out of reach";
            case EXPIRED -> "session expired";
            case REVOKED -> "session logged out";
            case BAD_CREDENTIAL -> "credential not genuine";
            case RATE_LIMITED -> "sign-in rate-limited";
        }).orElse(key);
    }

    private static String times(long count) {
        return count == 1 ? "once" : count == 2 ? "twice" : count + " times";
    }

    /** The number of requests sent before the first kill, or -1 when no node was killed. */
    private static int firstCrash(List<StepReport> steps) {
        int requests = 0;
        for (StepReport step : steps) {
            if (step.isRequest()) {
                requests++;
            } else if (step.action().startsWith("kill ")) {
                return requests;
            }
        }
        return -1;
    }
}
