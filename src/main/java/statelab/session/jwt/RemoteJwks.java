package statelab.session.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public keys fetched over HTTP(S) from a JWK set URL, such as a jwt node's
 * {@code /.well-known/jwks.json}: what a node that only verifies tokens checks signatures with.
 *
 * <p>Fetched once when made ({@link #fetch}: an address that does not answer, or answers something that
 * is not a JWK set with a P-256 key, is an {@link IOException} then, not a node that refuses every
 * token later). Fetched again when a token names a {@code kid} the set lacks (the issuer rotated) and
 * when the set is older than {@code maxAge} (so keys the issuer retired stop verifying here too), but
 * never more than once per {@code minInterval}, whatever tokens arrive, and by one thread at a time while
 * the others go on with the keys they have. Every fetch is bounded: a connect and a read timeout, at most
 * {@value #MAX_BYTES} bytes, no redirects, at most {@value #MAX_KEYS} keys kept, public halves only. A
 * failed refetch keeps the keys already held.
 */
public final class RemoteJwks implements PublicKeySource {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_KEYS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);

    private final URI address;
    private final DefaultResourceRetriever retriever;
    private final Duration minInterval;
    private final Duration maxAge;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile JWKSet keys;
    private volatile Instant fetchedAt;

    private RemoteJwks(URI address, Duration timeout, Duration minInterval, Duration maxAge, Clock clock) {
        this.address = address;
        int millis = Math.toIntExact(timeout.toMillis());
        this.retriever = new DefaultResourceRetriever(millis, millis, MAX_BYTES, false);
        this.minInterval = minInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Fetches with a 2 s timeout, again at most every 5 s, and at least every 5 minutes while in use. */
    public static RemoteJwks fetch(URI address) throws IOException {
        return fetch(address, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * @param address     an {@code http} or {@code https} URL of a JWK set
     * @param timeout     for connecting and for reading, each
     * @param minInterval the least time between two fetches
     * @param maxAge      the keys are fetched again once they are this old (on the next token)
     * @throws IOException when the first fetch fails or its answer is no usable JWK set; the message says which
     */
    public static RemoteJwks fetch(URI address, Duration timeout, Duration minInterval, Duration maxAge, Clock clock)
            throws IOException {
        String scheme = address.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("a JWK set URL is http:// or https://, not " + address);
        }
        RemoteJwks remote = new RemoteJwks(address, timeout, minInterval, maxAge, clock);
        remote.keys = remote.download();
        remote.fetchedAt = clock.instant();
        return remote;
    }

    @Override
    public JWKSet current() {
        if (!clock.instant().isBefore(fetchedAt.plus(maxAge))) {
            refresh();
        }
        return keys;
    }

    @Override
    public JWKSet refreshedFor(String keyId) {
        if (keys.getKeyByKeyId(keyId) == null) {
            refresh();
        }
        return keys;
    }

    /** When the keys were last fetched (or last tried). */
    Instant fetchedAt() {
        return fetchedAt;
    }

    private void refresh() {
        if (clock.instant().isBefore(fetchedAt.plus(minInterval)) || !fetching.tryLock()) {
            return;
        }
        try {
            if (clock.instant().isBefore(fetchedAt.plus(minInterval))) {
                return;
            }
            keys = download();
        } catch (IOException e) {
            LOG.warn("could not fetch the token keys again from {}: {}; keeping the {} held", address, e.getMessage(),
                    keys.getKeys().size());
        } finally {
            // A failure counts too, so an issuer that is down is not asked again on every token.
            fetchedAt = clock.instant();
            fetching.unlock();
        }
    }

    private JWKSet download() throws IOException {
        Resource resource;
        try {
            resource = retriever.retrieveResource(address.toURL());
        } catch (IOException e) {
            throw new IOException("could not fetch the JWK set at " + address + ": " + e.getMessage(), e);
        }
        JWKSet parsed;
        try {
            parsed = JWKSet.parse(resource.getContent());
        } catch (ParseException e) {
            throw new IOException("the answer of " + address + " is not a JWK set: " + e.getMessage(), e);
        }
        List<JWK> usable = parsed.getKeys().stream()
                .filter(k -> k instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && k.getKeyID() != null)
                .map(JWK::toPublicJWK)
                .limit(MAX_KEYS)
                .toList();
        if (usable.isEmpty()) {
            throw new IOException("the JWK set at " + address + " holds no P-256 key with a kid, so it verifies no token");
        }
        return new JWKSet(usable);
    }
}
