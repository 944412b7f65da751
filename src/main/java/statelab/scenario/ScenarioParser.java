package statelab.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scenario format of docs/SCENARIOS.md: one command a line, {@code #} starts a comment.
 * <pre>
 * scenario NAME            name the scenario
 * as USER PASSWORD         who the following requests are sent as
 * send next                the next request in the user's cycle
 * send METHOD PATH [JSON]  one explicit request
 * login | logout           sign the current user in (with the password of its as line) or out
 * kill Sn | restart Sn     crash a node / start it fresh, in every cluster
 * add node                 one more node in every cluster
 * stop redis | start redis | kill redis-primary (with --redis-ha)
 * jwt-revocation on|off
 * wait 500ms | wait 2s
 * repeat N COMMAND         the command N times
 * on, price, avatar, guess, login-throttle, pairs, drain, users, figures: the state labs ({@link StateStepParser})
 * </pre>
 */
public final class ScenarioParser {
    private static final Pattern NODE = Pattern.compile("S[1-9][0-9]?");
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern WAIT = Pattern.compile("(\\d{1,6})(ms|s)");
    private static final Set<String> METHODS = Set.of("GET", "POST", "HEAD", "PUT", "DELETE");
    private static final int MAX_REPEAT = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    private String name;
    private String user;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final StateStepParser stateSteps = new StateStepParser();
    private final List<Integer> lines = new ArrayList<>();

    private ScenarioParser(String name) {
        this.name = name;
    }

    /** Parses a scenario; {@code source} names it in error messages (a file name, or "seed"). */
    public static Scenario parse(String source, String text) throws ScenarioSyntaxException {
        ScenarioParser parser = new ScenarioParser(source);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(source, i + 1, stripComment(lines[i]).trim());
        }
        if (parser.steps.isEmpty()) {
            throw new ScenarioSyntaxException(source, lines.length, "the scenario has no steps");
        }
        return new Scenario(parser.name, source, parser.steps, parser.lines, parser.users);
    }

    /** A comment starts at a {@code #} that begins the line or follows a space, so {@code "#fff"} in a body stays. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private void line(String source, int number, String line) throws ScenarioSyntaxException {
        if (line.isEmpty()) {
            return;
        }
        String[] words = line.split("\\s+", 2);
        String rest = words.length > 1 ? words[1].trim() : "";
        switch (words[0]) {
            case "scenario" -> name = require(source, number, rest, "a name after 'scenario'");
            case "as" -> as(source, number, rest);
            case "repeat" -> repeat(source, number, rest);
            case "on" -> stateDirective(source, number, line);
            default -> add(number, step(source, number, line));
        }
    }

    private void add(int number, Step step) {
        steps.add(step);
        lines.add(number);
    }

    private void as(String source, int number, String rest) throws ScenarioSyntaxException {
        String[] parts = rest.split("\\s+");
        if (parts.length != 2 || !USER.matcher(parts[0]).matches()) {
            throw new ScenarioSyntaxException(source, number, "expected 'as USER PASSWORD', such as 'as alice wonderland'");
        }
        user = parts[0];
        users.put(parts[0], parts[1]);
    }

    private void repeat(String source, int number, String rest) throws ScenarioSyntaxException {
        String[] parts = rest.split("\\s+", 2);
        int times;
        try {
            times = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new ScenarioSyntaxException(source, number, "expected 'repeat N COMMAND' with N a whole number");
        }
        if (times < 1 || times > MAX_REPEAT || parts.length < 2) {
            throw new ScenarioSyntaxException(source, number, "expected 'repeat N COMMAND' with N from 1 to " + MAX_REPEAT);
        }
        Step step = step(source, number, parts[1].trim());
        for (int i = 0; i < times; i++) {
            add(number, step);
        }
    }

    private Step step(String source, int number, String line) throws ScenarioSyntaxException {
        String[] words = line.split("\\s+");
        String command = words[0];
        return switch (command) {
            case "send" -> send(source, number, line);
            case "login" -> new Step.Login(currentUser(source, number), users.get(user));
            case "logout" -> new Step.Logout(currentUser(source, number));
            case "kill" -> line.equals("kill redis-primary") ? new Step.KillRedisPrimary() : new Step.Kill(node(source, number, words));
            case "restart" -> new Step.Restart(node(source, number, words));
            case "add" -> exactly(source, number, line, "add node", new Step.AddNode());
            case "stop" -> exactly(source, number, line, "stop redis", new Step.StopRedis());
            case "start" -> exactly(source, number, line, "start redis", new Step.StartRedis());
            case "jwt-revocation" -> revocation(source, number, words);
            case "wait" -> waitStep(source, number, words);
            default -> {
                if (StateStepParser.COMMANDS.contains(command)) {
                    yield stateStep(source, number, words);
                }
                throw new ScenarioSyntaxException(source, number, "unknown command '" + command
                        + "'; expected one of: scenario, as, send, login, logout, kill, restart, add node, stop redis, "
                        + "start redis, jwt-revocation, wait, repeat, on, price, avatar, guess, login-throttle, pairs, "
                        + "drain, users, figures");
            }
        };
    }

    private Step stateStep(String source, int number, String[] words) throws ScenarioSyntaxException {
        try {
            return new Step.StateLab(stateSteps.step(words, user));
        } catch (StateStepParser.Refused e) {
            throw new ScenarioSyntaxException(source, number, e.getMessage());
        }
    }

    private boolean stateDirective(String source, int number, String line) throws ScenarioSyntaxException {
        try {
            return stateSteps.directive(line.split("\\s+"));
        } catch (StateStepParser.Refused e) {
            throw new ScenarioSyntaxException(source, number, e.getMessage());
        }
    }

    private Step send(String source, int number, String line) throws ScenarioSyntaxException {
        String[] parts = line.split("\\s+", 4);
        String who = currentUser(source, number);
        if (parts.length == 2 && parts[1].equals("next")) {
            return new Step.SendNext(who);
        }
        if (parts.length < 3 || !METHODS.contains(parts[1]) || !parts[2].startsWith("/")) {
            throw new ScenarioSyntaxException(source, number, "expected 'send next' or 'send METHOD /path [JSON body]'");
        }
        String body = parts.length == 4 ? parts[3] : null;
        if (body != null) {
            requireJson(source, number, body);
        }
        return new Step.Send(who, parts[1], parts[2], body);
    }

    /** A body that is not JSON would only earn a 400 from every node: refuse the file instead. */
    private static void requireJson(String source, int number, String body) throws ScenarioSyntaxException {
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                // reading to the end is the check
            }
        } catch (JsonProcessingException e) {
            throw new ScenarioSyntaxException(source, number, "the body is not valid JSON (near column "
                    + e.getLocation().getColumnNr() + "): " + body);
        } catch (java.io.IOException e) {
            throw new ScenarioSyntaxException(source, number, "the body could not be read as JSON");
        }
    }

    private String currentUser(String source, int number) throws ScenarioSyntaxException {
        if (user == null) {
            throw new ScenarioSyntaxException(source, number, "no user yet: put 'as USER PASSWORD' before the first request");
        }
        return user;
    }

    private static String node(String source, int number, String[] words) throws ScenarioSyntaxException {
        if (words.length != 2 || !NODE.matcher(words[1]).matches()) {
            throw new ScenarioSyntaxException(source, number, "expected '" + words[0] + " Sn', such as '" + words[0] + " S1'");
        }
        return words[1];
    }

    private static Step exactly(String source, int number, String line, String expected, Step step)
            throws ScenarioSyntaxException {
        if (!line.replaceAll("\\s+", " ").equals(expected)) {
            throw new ScenarioSyntaxException(source, number, "expected '" + expected + "'");
        }
        return step;
    }

    private static Step revocation(String source, int number, String[] words) throws ScenarioSyntaxException {
        if (words.length != 2 || !(words[1].equals("on") || words[1].equals("off"))) {
            throw new ScenarioSyntaxException(source, number, "expected 'jwt-revocation on' or 'jwt-revocation off'");
        }
        return new Step.JwtRevocation(words[1].equals("on"));
    }

    private static Step waitStep(String source, int number, String[] words) throws ScenarioSyntaxException {
        Matcher m = words.length == 2 ? WAIT.matcher(words[1]) : null;
        if (m == null || !m.matches()) {
            throw new ScenarioSyntaxException(source, number, "expected 'wait 500ms' or 'wait 2s'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
        if (duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ScenarioSyntaxException(source, number, "a wait may last 10 minutes at most");
        }
        return new Step.Wait(duration);
    }

    private static String require(String source, int number, String value, String what) throws ScenarioSyntaxException {
        if (value.isEmpty()) {
            throw new ScenarioSyntaxException(source, number, "expected " + what);
        }
        return value;
    }
}
