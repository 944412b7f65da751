package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event stream's bounds on a real Jetty server and real sockets: a broadcaster that outlives an
 * Error, a reader that takes nothing being dropped, and a cap on open streams.
 */
class EventStreamBoundsTest {
    private final List<Socket> sockets = new ArrayList<>();
    private EventStream stream;
    private Server server;

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        stream.close();
        server.stop();
    }

    @Test
    void the_broadcaster_survives_an_error_while_building_a_document() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        URI uri = serve(new EventStream(Duration.ofSeconds(15)), () -> {
            int n = builds.incrementAndGet();
            if (n == 2) {
                throw new StackOverflowError("a document too deep to build");
            }
            return "{\"n\":" + n + "}";
        });
        InputStream in = open(uri, 65536).getInputStream();
        StringBuilder first = new StringBuilder();
        await().until(() -> first.append(readSome(in)).toString().contains("{\"n\":1}"));

        stream.changed();
        await().until(() -> builds.get() == 2);
        stream.changed();

        StringBuilder seen = new StringBuilder();
        await().until(() -> seen.append(readSome(in)).toString().contains("{\"n\":3}"));
    }

    @Test
    void a_reader_that_takes_nothing_is_dropped_instead_of_buffered() throws Exception {
        URI uri = serve(new EventStream(Duration.ofSeconds(15), Duration.ofMillis(500)), () -> "{}");
        open(uri, 1024);
        await().until(() -> stream.subscribers() == 1);
        String big = "{\"pad\":\"" + "x".repeat(256 * 1024) + "\"}";

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            stream.publish("state", big);
            return stream.subscribers() == 0;
        });
    }

    @Test
    void more_event_streams_than_the_limit_are_refused() throws Exception {
        URI uri = serve(new EventStream(Duration.ofSeconds(15)), () -> "{}");
        for (int i = 0; i < EventStream.MAX_SUBSCRIBERS; i++) {
            InputStream in = open(uri, 65536).getInputStream();
            await().until(() -> readSome(in).startsWith("HTTP/1.1 200"));
        }
        InputStream refused = open(uri, 65536).getInputStream();
        StringBuilder answer = new StringBuilder();
        await().until(() -> answer.append(readSome(refused)).toString().contains("too-many-streams"));

        assertThat(answer.toString()).startsWith("HTTP/1.1 503");
        assertThat(stream.subscribers()).isEqualTo(EventStream.MAX_SUBSCRIBERS);
    }

    private URI serve(EventStream events, java.util.function.Supplier<String> state) throws Exception {
        this.stream = events;
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                stream.serve(request, response, callback);
                return true;
            }
        });
        server.start();
        events.start(state);
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private Socket open(URI uri, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(200);
        sockets.add(socket);
        socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** What has arrived so far (nothing when the read times out). */
    private static String readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        try {
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException e) {
            return "";
        }
    }
}
