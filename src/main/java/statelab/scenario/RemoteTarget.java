package statelab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import statelab.lab.ClusterKind;
import statelab.lab.ClusterKinds;
import statelab.lab.LabEvent;
import statelab.node.SessionCookies;

/**
 * Clusters someone else runs, reached by their balancers' URLs ({@code run --target KIND=URL}).
 * Requests work as on the lab's own clusters. The lab cannot crash or start someone else's node, so
 * {@code kill Sn} and {@code restart Sn} run the shell command the user gave for that node
 * ({@code --on-kill Sn=COMMAND}, {@code --on-restart Sn=COMMAND}: for example an ssh that stops a
 * service on every app host); a step with no command, and every other lab action (add node, Redis,
 * the deny-list), is refused by {@link #requireSupported} before the first request is sent.
 */
public final class RemoteTarget implements ScenarioTarget {
    private static final long COMMAND_TIMEOUT_SECONDS = 60;
    private static final int OUTPUT_KEPT = 1000;

    private final Map<String, URI> clusters;
    private final Map<String, String> onKill;
    private final Map<String, String> onRestart;

    /**
     * @param clusters  kind key to balancer URL, in column order; every key must be a cluster kind
     * @param onKill    node id to the shell command that crashes that node in every target cluster
     * @param onRestart node id to the shell command that starts it again (returning once it answers)
     */
    public RemoteTarget(Map<String, URI> clusters, Map<String, String> onKill, Map<String, String> onRestart) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("--target needs at least one KIND=URL");
        }
        for (String key : clusters.keySet()) {
            if (ClusterKinds.byKey(key).isEmpty()) {
                throw new IllegalArgumentException("--target: '" + key + "' is no cluster kind (" + ClusterKinds.keys() + ")");
            }
        }
        this.clusters = new LinkedHashMap<>(clusters);
        this.onKill = Map.copyOf(onKill);
        this.onRestart = Map.copyOf(onRestart);
    }

    @Override
    public List<String> clusterKeys() {
        return List.copyOf(clusters.keySet());
    }

    @Override
    public LabClient newClient(String key) {
        URI uri = clusters.get(key);
        ClusterKind kind = ClusterKinds.byKey(key).orElseThrow();
        String cookie = new SessionCookies("https".equals(uri.getScheme())).name(kind.credentialCookie());
        return new LabClient(uri, cookie, null, null);
    }

    @Override
    public void requireSupported(Scenario scenario) {
        for (Step step : scenario.steps()) {
            switch (step) {
                case Step.Kill s -> command(onKill, "--on-kill", s.node(), step);
                case Step.Restart s -> command(onRestart, "--on-restart", s.node(), step);
                default -> {
                    if (!step.isRequest() && !(step instanceof Step.Wait)) {
                        throw refused(step);
                    }
                }
            }
        }
    }

    @Override
    public boolean kill(String node) throws Exception {
        run(command(onKill, "--on-kill", node, new Step.Kill(node)), "--on-kill " + node);
        return true;
    }

    @Override
    public void restart(String node) throws Exception {
        run(command(onRestart, "--on-restart", node, new Step.Restart(node)), "--on-restart " + node);
    }

    @Override
    public String addNode() {
        throw refused(new Step.AddNode());
    }

    @Override
    public void stopRedis() {
        throw refused(new Step.StopRedis());
    }

    @Override
    public void startRedis() {
        throw refused(new Step.StartRedis());
    }

    @Override
    public void setJwtRevocation(boolean on) {
        throw refused(new Step.JwtRevocation(on));
    }

    @Override
    public String killRedisPrimary() {
        throw refused(new Step.KillRedisPrimary());
    }

    @Override
    public void publish(LabEvent event) {
        // Nobody listens: there is no page for clusters the lab does not run.
    }

    private static String command(Map<String, String> commands, String option, String node, Step step) {
        String command = commands.get(node);
        if (command == null) {
            throw new UnsupportedStepException("'" + step.action() + "' needs a command when the scenario drives --target clusters: "
                    + "the lab cannot reach into them; give " + option + " " + node + "='COMMAND' (for example an ssh that stops the node's service)");
        }
        return command;
    }

    private static UnsupportedStepException refused(Step step) {
        return new UnsupportedStepException("'" + step.action() + "' acts on the lab's own servers and cannot be run against --target clusters; "
                + "only requests, waits, and kill/restart with --on-kill/--on-restart commands can");
    }

    private static void run(String command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = lastOf(process.getInputStream());
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " exited with " + process.exitValue() + (output.isBlank() ? "" : ": " + output.strip()));
        }
    }

    /** Reads the command's output to the end, keeping only its last characters, so a chatty command cannot fill memory. */
    private static String lastOf(InputStream in) throws IOException {
        StringBuilder kept = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            kept.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (kept.length() > OUTPUT_KEPT) {
                kept.delete(0, kept.length() - OUTPUT_KEPT);
            }
        }
        return kept.toString();
    }
}
