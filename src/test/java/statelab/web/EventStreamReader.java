package statelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import statelab.Waits;

/** Follows {@code /api/events} as a browser's EventSource would, collecting every event it reads. */
final class EventStreamReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the browser would dispatch it. */
    record Event(String name, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final HttpResponse<InputStream> response;

    EventStreamReader(URI uri) throws IOException, InterruptedException {
        // A deadline on the answer's head only: a request timeout could also cut the stream the test then reads.
        try {
            response = Waits.get(http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream()), Duration.ofSeconds(30), "the event stream's answer head");
        } catch (ExecutionException e) {
            http.shutdownNow();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (RuntimeException | Error e) {
            http.shutdownNow();
            throw e;
        }
        body = response.body();
        Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> events(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // Closed by the test or the server: the events read so far stay.
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        http.shutdownNow();
    }
}
