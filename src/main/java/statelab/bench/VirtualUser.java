package statelab.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import statelab.scenario.CookieJar;

/**
 * One simulated user on its own virtual thread and its own keep-alive connection: signs in once,
 * then reads {@code /profile} as fast as its answers come back (or as the {@link Pacer} allows),
 * sending its cookies as a browser would and taking the ones the servers set (a sticky balancer
 * re-pins a user after its node dies). It never signs in again: a user who lost their session keeps
 * failing, which is what the lesson wants to be seen.
 */
final class VirtualUser {
    private static final String[] LOGINS = {
        "{\"user\":\"alice\",\"password\":\"wonderland\"}", "{\"user\":\"bob\",\"password\":\"builder\"}"};
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int LOGIN_TIMEOUT_MILLIS = 60_000;
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int index;
    private final HttpConnection connection;
    private final CookieJar jar = new CookieJar();
    private final String credentialCookie;
    private byte[] read;
    private int credentialBytes;
    private volatile long firstOk;
    private volatile long lastOk;
    private java.util.List<String> signInCookies = java.util.List.of();

    VirtualUser(int index, URI target, String credentialCookie) {
        this.index = index;
        this.connection = new HttpConnection(target, READ_TIMEOUT_MILLIS);
        this.credentialCookie = credentialCookie;
        rebuild();
    }

    /** Signs in (a few tries, since a busy node may be slow to hash a password); answers whether it worked. */
    boolean signIn() {
        byte[] login = connection.request("POST", "/login", "", LOGINS[index % LOGINS.length]);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpAnswer answer = connection.exchange(login, LOGIN_TIMEOUT_MILLIS);
                take(answer);
                if (answer.status() == 200 && jar.get(credentialCookie) != null) {
                    signInCookies = answer.setCookies();
                    return true;
                }
            } catch (IOException e) {
                LockSupport.parkNanos(BACKOFF_NANOS);
            }
        }
        return false;
    }

    /**
     * Takes the cookies another user received when signing in, so this one holds the same session
     * without a sign-in of its own; answers whether there was a session to take.
     */
    boolean adopt(VirtualUser signedIn) {
        if (signedIn.signInCookies.isEmpty()) {
            return false;
        }
        jar.accept(signedIn.signInCookies);
        rebuild();
        return true;
    }

    /** Reads until the pacer says the deadline is reached, recording every answer and failure. */
    void run(Pacer pacer, long deadline, Recorder recorder, LongAdder answeredWithCredential) {
        for (long started = pacer.await(deadline); started != Pacer.PAST_DEADLINE; started = pacer.await(deadline)) {
            String failure;
            try {
                HttpAnswer answer = connection.exchange(read);
                take(answer);
                failure = answer.failureKind();
                if (credentialBytes > 0) {
                    answeredWithCredential.increment();
                }
            } catch (IOException e) {
                failure = transportFailure(e);
            }
            long done = System.nanoTime();
            if (failure == null) {
                firstOk = firstOk == 0 ? done : firstOk;
                lastOk = done;
            }
            recorder.record(done, (done - started) / 1_000, failure, credentialBytes);
            if (failure != null && failure.startsWith("connection-")) {
                // Without a pause a user aimed at a dead port would spin, and count refusals as load.
                LockSupport.parkNanos(BACKOFF_NANOS);
            }
        }
        connection.close();
    }

    private void take(HttpAnswer answer) {
        if (!answer.setCookies().isEmpty()) {
            jar.accept(answer.setCookies());
            rebuild();
        }
    }

    private void rebuild() {
        String cookies = jar.header();
        read = connection.request("GET", "/profile", cookies, null);
        credentialBytes = cookies.isEmpty() ? 0 : ("Cookie: " + cookies).getBytes(StandardCharsets.US_ASCII).length;
    }

    /** Whether this user had succeeded before {@code nanos} and never did again after it. */
    boolean lostSessionAt(long nanos) {
        return firstOk != 0 && firstOk < nanos && lastOk < nanos;
    }

    static String transportFailure(IOException e) {
        if (e instanceof ConnectException) {
            return "connection-refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        return "connection-lost";
    }

    void close() {
        connection.close();
    }
}
