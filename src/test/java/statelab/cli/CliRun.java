package statelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code statelab} command run in this JVM as a user types it: each {@link #run} answers the exit
 * code; what it printed on standard output and standard error adds up across runs until {@link #clearOut()}.
 */
public final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public int run(String... args) {
        picocli.CommandLine cli = StateLabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** Standard output read as one JSON document (a {@code --json} run's). */
    public JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    /** Forgets what was printed on standard output so far. */
    public void clearOut() {
        out.getBuffer().setLength(0);
    }

    /** Runs {@code body} as if the command had been typed in {@code folder} (the launcher's caller folder). */
    public static void inCallerFolder(String folder, ThrowingRunnable body) throws Exception {
        String before = System.getProperty(CallerFolder.PROPERTY);
        System.setProperty(CallerFolder.PROPERTY, folder);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(CallerFolder.PROPERTY);
            } else {
                System.setProperty(CallerFolder.PROPERTY, before);
            }
        }
    }

    /** One cluster's column of a scenario's JSON document: "NODE OUTCOME[ KIND]" per request, in order. */
    public static List<String> column(JsonNode doc, String strategy) {
        List<String> cells = new ArrayList<>();
        for (JsonNode step : doc.get("steps")) {
            JsonNode result = step.has("results") ? step.get("results").get(strategy) : null;
            if (result != null) {
                String kind = result.hasNonNull("kind") ? " " + result.get("kind").asText() : "";
                cells.add(result.get("node").asText() + " " + result.get("outcome").asText() + kind);
            }
        }
        return cells;
    }

    /** A block of test code that may throw. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
