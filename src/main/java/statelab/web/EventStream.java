package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: server-sent events. Every subscriber gets an event {@code state} (the
 * {@code /api/state} document) when it connects and after every change, {@code compare} and
 * {@code revocation} when a measurement or demo finishes, and a comment after each quiet
 * {@code keepAlive} so idle timeouts leave the connection open. State changes are coalesced: a burst
 * costs one document, built on the stream's own virtual thread, and only while someone listens.
 * Each subscriber has an {@link EventOutbox}; its handler blocks on its own virtual thread, writing
 * what the outbox gives, until the browser goes away or the stream closes. Bounded: at most
 * {@value #MAX_SUBSCRIBERS} streams, at most one pending document per event name each, and a browser
 * that has not taken a frame within the write timeout is dropped. The broadcaster survives anything
 * building a document throws.
 */
final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    /** Open streams at most; one more is refused 503 rather than given memory. */
    static final int MAX_SUBSCRIBERS = 32;
    /** A frame a browser has not taken in this long ends its stream: a reader that slow is gone or hostile. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final Duration keepAlive;
    private final Duration writeTimeout;
    private final Set<EventOutbox> subscribers = ConcurrentHashMap.newKeySet();
    private final Semaphore changes = new Semaphore(0);
    private volatile Supplier<String> state;
    private volatile boolean closed;
    private Thread broadcaster;

    EventStream(Duration keepAlive) {
        this(keepAlive, WRITE_TIMEOUT);
    }

    EventStream(Duration keepAlive, Duration writeTimeout) {
        this.keepAlive = keepAlive;
        this.writeTimeout = writeTimeout;
    }

    /** Streams open now. */
    int subscribers() {
        return subscribers.size();
    }

    /** Starts broadcasting; {@code state} answers the JSON of the current state document. */
    void start(Supplier<String> state) {
        this.state = state;
        broadcaster = Thread.ofVirtual().name("state-broadcaster").start(this::broadcast);
    }

    /** The lab changed; cheap and never blocks, so lab listeners may call it. */
    void changed() {
        changes.release();
    }

    /** Sends an event (a JSON document) to every subscriber now. */
    void publish(String event, String json) {
        String frame = SseFrame.event(event, json);
        subscribers.forEach(s -> s.offer(event, frame));
    }

    /** Serves one subscriber until it disconnects or the stream closes. */
    void serve(Request request, Response response, Callback callback) {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            new ProblemException(ProblemKind.TOO_MANY_STREAMS, "the lab serves at most " + MAX_SUBSCRIBERS + " event streams at once").details().write(response, callback);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        EventOutbox subscriber = new EventOutbox(keepAlive);
        subscribers.add(subscriber);
        if (closed) {
            subscriber.end();
        }
        request.addFailureListener(failure -> subscriber.end());
        try {
            write(response, SseFrame.retry(1000) + SseFrame.event("state", state.get()));
            for (String frame = subscriber.take(); frame != null; frame = subscriber.take()) {
                write(response, frame);
            }
            callback.succeeded();
        } catch (Exception e) {
            // The browser went away (or the server is stopping): there is no one left to answer.
            callback.failed(e);
        } finally {
            subscribers.remove(subscriber);
        }
    }

    private void broadcast() {
        while (!closed) {
            try {
                changes.acquire();
                changes.drainPermits();
                if (!subscribers.isEmpty()) {
                    publish("state", state.get());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // Whatever went wrong with this one document (even an Error), the next change must still be sent.
                LOG.warn("could not build the state for the event stream", e);
            }
        }
    }

    /** Writes one frame, or fails (ending the stream) when the browser has not taken it within the write timeout. */
    private void write(Response response, String frame) throws Exception {
        FutureCallback written = new FutureCallback();
        Content.Sink.write(response, false, frame, written);
        try {
            written.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            written.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (broadcaster != null) {
            broadcaster.interrupt();
        }
        subscribers.forEach(EventOutbox::end);
    }
}
