package statelab.lb.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HAProxy's runtime API over its admin Unix socket: one connection per call, commands separated
 * by {@code ;}, HAProxy answers and closes. Answers are capped (a {@code show} of many servers is
 * a few kilobytes).
 */
final class HaproxyRuntime {
    private static final int MAX_ANSWER = 1 << 20;

    private final Path socket;

    HaproxyRuntime(Path socket) {
        this.socket = socket;
    }

    /** Runs the commands; answers HAProxy's text. */
    String execute(String commands) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((commands + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            InputStream in = Channels.newInputStream(channel);
            byte[] answer = in.readNBytes(MAX_ANSWER);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    /** Runs commands that answer nothing on success; throws with HAProxy's text when one answered something else. */
    void expectQuiet(String commands, String... acceptable) throws IOException {
        String answer = execute(commands).strip();
        for (String line : answer.split("\n")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean fine = false;
            for (String ok : acceptable) {
                fine |= text.contains(ok);
            }
            if (!fine) {
                throw new IOException("HAProxy refused '" + commands + "': " + text);
            }
        }
    }
}
