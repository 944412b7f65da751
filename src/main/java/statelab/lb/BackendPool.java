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
    private final java.util.Map<Backend, java.util.concurrent.CompletableFuture<Void>> drains =
            new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Removes a backend at once; answers whether it was there. */
    public boolean remove(URI uri) {
        synchronized (backends) {
            Optional<Backend> found = byUri(uri);
            found.ifPresent(backends::remove);
            refreshHealthy();
            found.map(drains::remove).ifPresent(done -> done.complete(null));
            return found.isPresent();
        }
    }

    /**
     * Takes the backend out of the rotation and removes it once the requests it is serving have
     * finished; the future completes then (at once when it has none, or is not in the pool).
     */
    public java.util.concurrent.CompletableFuture<Void> drain(URI uri) {
        synchronized (backends) {
            Optional<Backend> found = byUri(uri);
            if (found.isEmpty()) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            Backend backend = found.get();
            backend.markDraining();
            refreshHealthy();
            java.util.concurrent.CompletableFuture<Void> done =
                    drains.computeIfAbsent(backend, b -> new java.util.concurrent.CompletableFuture<>());
            removeIfDrained(backend);
            return done;
        }
    }

    /** Called when a request to the backend finished: a drained backend goes once it serves none. */
    void released(Backend backend, int stillInFlight) {
        if (stillInFlight <= 0 && backend.draining()) {
            removeIfDrained(backend);
        }
    }

    private void removeIfDrained(Backend backend) {
        synchronized (backends) {
            if (backend.draining() && backend.inFlight() <= 0) {
                remove(backend.uri());
            }
        }
    }

    /** The backends believed healthy and not draining, in the order they were added. */
    public List<Backend> healthy() {
        return healthy;
    }

    /** Every request reads the healthy list and it changes only on a health flip, so it is kept, not rebuilt. */
    private void refreshHealthy() {
        synchronized (backends) {
            healthy = backends.stream().filter(b -> b.healthy() && !b.draining()).toList();
        }
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
