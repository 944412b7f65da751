package statelab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child process in a session of its own, out of the terminal's process group. A terminal's
 * Ctrl-C signals its whole foreground group at once: a redis-server in it would die in the same
 * instant as the JVM starts its orderly shutdown, and the clients still connected would report a
 * lost server instead of closing quietly. Out of the group, the server stops when the lab stops it,
 * after its clients. Uses {@code setsid} (util-linux, on every Linux); where there is none (macOS,
 * Windows) the command runs as given, and Ctrl-C reaches the server as before.
 */
final class OwnSession {
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private OwnSession() {
    }

    /**
     * The command that runs {@code command} in its own session. A child of the JVM is not a process
     * group leader, so setsid detaches it without forking: the process the JVM holds (and stops) is
     * the server itself.
     */
    static List<String> command(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    static boolean available() {
        return SETSID != null;
    }
}
