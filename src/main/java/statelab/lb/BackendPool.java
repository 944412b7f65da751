package statelab.lb;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The balancer's upstream servers in the order they were added, each with its health. Changes are
 * rare (add a node, a health flip) and reads happen on every request, hence copy-on-write.
 * Affinity tokens are an HMAC of the URI under a secret made at start, so a sticky cookie names
 * a backend without revealing its address, and cannot be forged to pick another.
 */
public final class BackendPool {
    private final List<Backend> backends = new CopyOnWriteArrayList<>();
    private volatile List<Backend> healthy = List.of();
    private final byte[] secret = new byte[32];
    private volatile Consumer<Backend> onHealthChange = b -> { };

    public BackendPool() {
        new SecureRandom().nextBytes(secret);
    }

    /** Adds a backend; adding a URI that is already present changes nothing. */
    public Backend add(URI uri) {
        synchronized (backends) {
            for (Backend b : backends) {
                if (b.uri().equals(uri)) {
                    return b;
                }
            }
            Backend backend = new Backend(uri, token(uri));
            backends.add(backend);
            refreshHealthy();
            return backend;
        }
    }

    public List<Backend> all() {
        return List.copyOf(backends);
    }

    /** The backends believed healthy, in the order they were added. */
    public List<Backend> healthy() {
        return healthy;
    }

    /** Every request reads the healthy list and it changes only on a health flip, so it is kept, not rebuilt. */
    private void refreshHealthy() {
        synchronized (backends) {
            healthy = backends.stream().filter(Backend::healthy).toList();
        }
    }

    public Optional<Backend> byAffinity(String token) {
        return backends.stream().filter(b -> b.affinityToken().equals(token)).findFirst();
    }

    public Optional<Backend> byUri(URI uri) {
        return backends.stream().filter(b -> b.uri().equals(uri)).findFirst();
    }

    /** Called with a backend each time its health flips. */
    public void onHealthChange(Consumer<Backend> listener) {
        this.onHealthChange = listener;
    }

    void setHealth(Backend backend, boolean healthy) {
        if (backend.markHealthy(healthy)) {
            refreshHealthy();
            onHealthChange.accept(backend);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until the balancer believes the backend at {@code uri} has the given health, as its own
     * checks find out; answers false when that did not happen within the timeout.
     */
    public boolean awaitHealth(URI uri, boolean healthy, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (byUri(uri).map(b -> b.healthy() != healthy).orElse(true)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private String token(URI uri) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(uri.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(tag, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
