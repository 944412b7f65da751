package statelab.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the state labs' commands of a scenario file (docs/SCENARIOS.md, docs/STATE-LABS.md). It
 * remembers the cluster that {@code on CLUSTER} chose ({@code redis} until then) for the commands
 * that act on one cluster.
 * <pre>
 * on CLUSTER                            the cluster the following one-cluster commands use
 * price read local|shared               the price once from each node that is up
 * price set N via Sn | price set +N via Sn
 * avatar upload local|shared            a fresh PNG as the current user's avatar, through the balancer
 * avatar read local|shared              the current user's avatar once from each node that is up
 * guess N wrong passwords for NAME      through the balancer
 * login-throttle node|redis             where every node counts failed sign-ins
 * pairs N settings naive|atomic via Sa Sb
 * drain Sn                              take Sn out of every balancer gracefully
 * users N start | users stop [after N]  several browsers browsing every cluster
 * figures NAME [KEY ...]                show this figure (only these keys) in the JSON
 * </pre>
 */
final class StateStepParser {
    static final Set<String> COMMANDS = Set.of("on", "price", "avatar", "guess", "login-throttle", "pairs", "drain",
            "users", "figures");
    private static final Set<String> CLUSTERS = Set.of("in-memory", "sticky", "redis", "jwt");
    private static final Pattern NODE = Pattern.compile("S[1-9][0-9]?");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,31}");
    static final int MAX_GUESSES = 100;
    static final int MAX_PAIRS = 5000;
    static final int MAX_USERS = 100;
    static final long MAX_PRICE = 1_000_000;

    /** A refusal, with the message the scenario's author reads. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private String cluster = "redis";

    /** Handles {@code on CLUSTER}: answers true when the line was that directive. */
    boolean directive(String[] words) throws Refused {
        if (!words[0].equals("on")) {
            return false;
        }
        if (words.length != 2 || !CLUSTERS.contains(words[1])) {
            throw new Refused("expected 'on CLUSTER' with CLUSTER one of in-memory, sticky, redis, jwt");
        }
        cluster = words[1];
        return true;
    }

    /** One step; {@code user} is the current user of the file (null before any 'as' line). */
    StateStep step(String[] words, String user) throws Refused {
        return switch (words[0]) {
            case "price" -> price(words);
            case "avatar" -> avatar(words, user);
            case "guess" -> guess(words);
            case "login-throttle" -> throttle(words);
            case "pairs" -> pairs(words, user);
            case "drain" -> new StateStep.Drain(node(words, 1, "drain Sn"));
            case "users" -> users(words);
            case "figures" -> figures(words);
            default -> throw new Refused("unknown command '" + words[0] + "'");
        };
    }

    private StateStep price(String[] words) throws Refused {
        if (words.length == 3 && words[1].equals("read")) {
            return new StateStep.PriceRead(cluster, variant(words[2], "price read local|shared", "local", "shared"));
        }
        String usage = "price set N via Sn (or +N: N above the highest price read so far)";
        if (words.length != 5 || !words[1].equals("set") || !words[3].equals("via")) {
            throw new Refused("expected 'price read local|shared' or '" + usage + "'");
        }
        boolean relative = words[2].startsWith("+");
        long amount = number(relative ? words[2].substring(1) : words[2], 1, MAX_PRICE, usage);
        return new StateStep.PriceSet(cluster, amount, relative, node(words, 4, usage));
    }

    private StateStep avatar(String[] words, String user) throws Refused {
        String usage = "avatar upload local|shared' or 'avatar read local|shared";
        if (words.length != 3 || !(words[1].equals("upload") || words[1].equals("read"))) {
            throw new Refused("expected '" + usage + "'");
        }
        String variant = variant(words[2], usage, "local", "shared");
        String who = signedIn(user);
        return words[1].equals("upload") ? new StateStep.AvatarUpload(cluster, who, variant)
                : new StateStep.AvatarRead(cluster, who, variant);
    }

    private StateStep guess(String[] words) throws Refused {
        String usage = "guess N wrong passwords for NAME";
        if (words.length != 6 || !words[2].equals("wrong") || !words[3].equals("passwords") || !words[4].equals("for")
                || !NAME.matcher(words[5]).matches()) {
            throw new Refused("expected '" + usage + "'");
        }
        return new StateStep.Guess(cluster, (int) number(words[1], 1, MAX_GUESSES, usage), words[5]);
    }

    private static StateStep throttle(String[] words) throws Refused {
        if (words.length != 2) {
            throw new Refused("expected 'login-throttle node' or 'login-throttle redis'");
        }
        return new StateStep.LoginThrottle(variant(words[1], "login-throttle node|redis", "node", "redis").equals("redis"));
    }

    private StateStep pairs(String[] words, String user) throws Refused {
        String usage = "pairs N settings naive|atomic via Sa Sb";
        if (words.length != 7 || !words[2].equals("settings") || !words[4].equals("via")) {
            throw new Refused("expected '" + usage + "'");
        }
        int count = (int) number(words[1], 1, MAX_PAIRS, usage);
        return new StateStep.Pairs(cluster, signedIn(user), count, variant(words[3], usage, "naive", "atomic"),
                node(words, 5, usage), node(words, 6, usage));
    }

    private static StateStep users(String[] words) throws Refused {
        String usage = "users N start' or 'users stop [after N]";
        if (words.length == 3 && words[2].equals("start")) {
            return new StateStep.UsersStart((int) number(words[1], 1, MAX_USERS, usage));
        }
        if (words.length == 2 && words[1].equals("stop")) {
            return new StateStep.UsersStop(3);
        }
        if (words.length == 4 && words[1].equals("stop") && words[2].equals("after")) {
            return new StateStep.UsersStop((int) number(words[3], 0, 1000, usage));
        }
        throw new Refused("expected '" + usage + "'");
    }

    private static StateStep figures(String[] words) throws Refused {
        if (words.length < 2 || Arrays.stream(words, 1, words.length).anyMatch(w -> !WORD.matcher(w).matches())) {
            throw new Refused("expected 'figures NAME [KEY ...]', such as 'figures failedRequests redis jwt'");
        }
        return new StateStep.ShowFigure(words[1], List.of(Arrays.copyOfRange(words, 2, words.length)));
    }

    private static String variant(String word, String usage, String... allowed) throws Refused {
        for (String a : allowed) {
            if (a.equals(word)) {
                return a;
            }
        }
        throw new Refused("expected '" + usage + "'");
    }

    private static String node(String[] words, int at, String usage) throws Refused {
        if (words.length <= at || !NODE.matcher(words[at]).matches()) {
            throw new Refused("expected '" + usage + "', such as S1");
        }
        return words[at];
    }

    private static long number(String word, long min, long max, String usage) throws Refused {
        try {
            long n = Long.parseLong(word);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Refused below with the usage.
        }
        throw new Refused("expected '" + usage + "' with N from " + min + " to " + max);
    }

    private static String signedIn(String user) throws Refused {
        if (user == null) {
            throw new Refused("no user yet: put 'as USER PASSWORD' before this command");
        }
        return user;
    }
}
