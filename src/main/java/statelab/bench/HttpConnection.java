package statelab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to a loopback server, used by one virtual user at a time:
 * blocking I/O, which on a virtual thread parks instead of holding a carrier. Connects on first use
 * and again after a failure or a {@code Connection: close}. It refuses any address that is not
 * loopback, so the load generator cannot be pointed at another machine.
 */
final class HttpConnection implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final InetSocketAddress address;
    private final String host;
    private final int readTimeoutMillis;
    private Socket socket;
    private OutputStream out;
    private AnswerReader reader;

    HttpConnection(URI target, int readTimeoutMillis) {
        this.address = new InetSocketAddress(target.getHost(), target.getPort());
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the load generator only sends to loopback addresses, not " + target);
        }
        this.host = target.getHost() + ":" + target.getPort();
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** The bytes of a request with the given method, path, cookies (may be empty) and JSON body (may be null). */
    byte[] request(String method, String path, String cookieHeader, String jsonBody) {
        StringBuilder text = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        if (!cookieHeader.isEmpty()) {
            text.append("Cookie: ").append(cookieHeader).append("\r\n");
        }
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        if (jsonBody != null) {
            text.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] head = text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Sends one request and reads its answer; on any failure the connection is closed and the exception thrown. */
    HttpAnswer exchange(byte[] request) throws IOException {
        return exchange(request, readTimeoutMillis);
    }

    /** As {@link #exchange(byte[])}, waiting up to {@code timeoutMillis} for the answer (a login hashes a password). */
    HttpAnswer exchange(byte[] request, int timeoutMillis) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            if (socket.getSoTimeout() != timeoutMillis) {
                socket.setSoTimeout(timeoutMillis);
            }
            out.write(request);
            out.flush();
            HttpAnswer answer = reader.read();
            if (answer.close()) {
                close();
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(address, CONNECT_TIMEOUT_MILLIS);
            fresh.setSoTimeout(readTimeoutMillis);
            out = fresh.getOutputStream();
            reader = new AnswerReader(fresh.getInputStream());
            socket = fresh;
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a socket that already failed can fail again; the connection is gone either way.
            }
            socket = null;
        }
    }
}
