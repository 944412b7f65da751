package statelab.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's own log of every command it runs ({@code MONITOR}), read over a bare socket: what the
 * nodes really did to the store, whatever the clients and the balancer believe happened.
 */
final class RedisMonitor implements AutoCloseable {
    /** Generous: how long Redis may take to answer a command before the test fails instead of waiting on. */
    private static final int ANSWER_MILLIS = 30_000;
    private final Socket socket = new Socket();
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    /** Starts logging every command Redis runs from now on. */
    RedisMonitor(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        BufferedReader in;
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
            socket.setSoTimeout(ANSWER_MILLIS);
            socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                throw new IOException("MONITOR was refused: " + ok);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        // From here a quiet Redis is no fault, so the log is read without a timeout; close() ends the reader.
        socket.setSoTimeout(0);
        reader = Thread.ofVirtual().name("redis-monitor").start(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // Closed by close(): the log is complete.
            }
        });
    }

    /** Returns once every command Redis ran before this call is in the log (an ECHO marker has come through). */
    void catchUp() throws IOException {
        String marker = "monitor-marker-" + java.util.UUID.randomUUID();
        try (Socket probe = new Socket()) {
            probe.connect(socket.getRemoteSocketAddress(), 2_000);
            probe.setSoTimeout(ANSWER_MILLIS);
            probe.getOutputStream().write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
            probe.getInputStream().read(new byte[256]);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> commandsWithArgument(marker) > 0);
    }

    /** How many logged commands carry this exact argument (as Redis quotes it). */
    long commandsWithArgument(String argument) {
        String quoted = "\"" + argument + "\"";
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains(quoted)).count();
        }
    }

    /** How many scripts (EVAL or EVALSHA, not the commands a script runs inside) were called with this argument. */
    long scriptsWithArgument(String argument) {
        String quoted = "\"" + argument + "\"";
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains("] \"EVAL") && l.contains(quoted)).count();
        }
    }

    /** Every logged command so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
