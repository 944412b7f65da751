package statelab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one phase measured, in {@link #BIN_MILLIS} ms bins from the end of the warm-up: answers and
 * failures per bin, a latency histogram per bin and overall, failures by kind, and the credential
 * bytes sent. Requests that complete during the warm-up or after the end are not counted, so every
 * figure covers exactly the measured window. Safe for concurrent use by every virtual user.
 */
final class Recorder {
    static final int BIN_MILLIS = 100;
    private static final long BIN_NANOS = BIN_MILLIS * 1_000_000L;

    private final long origin;
    private final long end;
    private final int bins;
    private final AtomicLongArray ok;
    private final AtomicLongArray failed;
    private final AtomicReferenceArray<LatencyHistogram> binLatency;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failuresAfterMark = new ConcurrentHashMap<>();
    /** Failures per bin by kind; the kinds are few (problem kinds and transport failures), so this stays small. */
    private final Map<String, AtomicLongArray> failuresByBin = new ConcurrentHashMap<>();
    private final LongAdder credentialBytes = new LongAdder();
    private volatile long mark = Long.MAX_VALUE;

    /** @param origin the {@link System#nanoTime()} at which measuring starts; {@code durationNanos} after it, it stops */
    Recorder(long origin, long durationNanos) {
        this.origin = origin;
        this.end = origin + durationNanos;
        this.bins = (int) ((durationNanos + BIN_NANOS - 1) / BIN_NANOS);
        this.ok = new AtomicLongArray(bins);
        this.failed = new AtomicLongArray(bins);
        this.binLatency = new AtomicReferenceArray<>(bins);
    }

    /**
     * Counts one request that completed at {@code doneNanos}.
     *
     * @param failureKind null for a success, else the kind (a problem kind or a transport failure)
     */
    void record(long doneNanos, long micros, String failureKind, int credentialBytesSent) {
        if (doneNanos < origin || doneNanos >= end) {
            return;
        }
        int bin = (int) ((doneNanos - origin) / BIN_NANOS);
        latency.record(micros);
        histogram(bin).record(micros);
        credentialBytes.add(credentialBytesSent);
        if (failureKind == null) {
            ok.incrementAndGet(bin);
        } else {
            failed.incrementAndGet(bin);
            failures.computeIfAbsent(failureKind, k -> new LongAdder()).increment();
            failuresByBin.computeIfAbsent(failureKind, k -> new AtomicLongArray(bins)).incrementAndGet(bin);
            if (doneNanos >= mark) {
                failuresAfterMark.computeIfAbsent(failureKind, k -> new LongAdder()).increment();
            }
        }
    }

    private LatencyHistogram histogram(int bin) {
        LatencyHistogram h = binLatency.get(bin);
        if (h == null) {
            binLatency.compareAndSet(bin, null, LatencyHistogram.perBin());
            h = binLatency.get(bin);
        }
        return h;
    }

    /** From now on failures are also counted in {@link #failuresAfterMark()} (a node was just killed). */
    void mark(long nanos) {
        mark = nanos;
    }

    Map<String, Long> failuresAfterMark() {
        Map<String, Long> out = new TreeMap<>();
        failuresAfterMark.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long origin() {
        return origin;
    }

    int bins() {
        return bins;
    }

    long ok(int bin) {
        return ok.get(bin);
    }

    long failed(int bin) {
        return failed.get(bin);
    }

    /** The latencies of one bin; empty when nothing completed in it. */
    LatencyHistogram latency(int bin) {
        LatencyHistogram h = binLatency.get(bin);
        return h == null ? new LatencyHistogram() : h;
    }

    LatencyHistogram latency() {
        return latency;
    }

    long totalOk() {
        long sum = 0;
        for (int i = 0; i < bins; i++) {
            sum += ok.get(i);
        }
        return sum;
    }

    long totalFailed() {
        long sum = 0;
        for (int i = 0; i < bins; i++) {
            sum += failed.get(i);
        }
        return sum;
    }

    /** The failures of one bin by kind, in key order; empty when none failed. */
    Map<String, Long> failedByKind(int bin) {
        Map<String, Long> out = new TreeMap<>();
        failuresByBin.forEach((kind, counts) -> {
            if (counts.get(bin) > 0) {
                out.put(kind, counts.get(bin));
            }
        });
        return out;
    }

    /** Failures by kind, in key order. */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long credentialBytes() {
        return credentialBytes.sum();
    }

    /** Everything recorded, for a load generator in another JVM to hand over (see {@link #restore}). */
    Snapshot snapshot() {
        long[] okBins = new long[bins];
        long[] failedBins = new long[bins];
        List<String> binHistograms = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            okBins[i] = ok.get(i);
            failedBins[i] = failed.get(i);
            LatencyHistogram h = binLatency.get(i);
            binHistograms.add(h == null ? "" : h.encoded());
        }
        Map<String, long[]> byBin = new TreeMap<>();
        failuresByBin.forEach((kind, counts) -> {
            long[] copy = new long[bins];
            for (int i = 0; i < bins; i++) {
                copy[i] = counts.get(i);
            }
            byBin.put(kind, copy);
        });
        return new Snapshot(okBins, failedBins, byBin, failures(), failuresAfterMark(), credentialBytes(), latency.encoded(), binHistograms);
    }

    /**
     * A recorder holding what {@code snapshot} holds, its window starting at {@code origin} of this
     * JVM's clock. Throws IllegalArgumentException when the snapshot does not fit the window.
     */
    static Recorder restore(Snapshot snapshot, long origin, long durationNanos) {
        Recorder recorder = new Recorder(origin, durationNanos);
        int bins = recorder.bins;
        if (snapshot.ok().length != bins || snapshot.failed().length != bins || snapshot.binLatency().size() != bins
                || snapshot.failedByBin().values().stream().anyMatch(counts -> counts.length != bins)) {
            throw new IllegalArgumentException("the load generator's figures have another number of bins than " + bins);
        }
        for (int i = 0; i < bins; i++) {
            recorder.ok.set(i, snapshot.ok()[i]);
            recorder.failed.set(i, snapshot.failed()[i]);
            String h = snapshot.binLatency().get(i);
            if (!h.isEmpty()) {
                recorder.binLatency.set(i, LatencyHistogram.decode(h, true));
            }
        }
        snapshot.failedByBin().forEach((kind, counts) -> recorder.failuresByBin.put(kind, new AtomicLongArray(counts)));
        snapshot.failures().forEach((kind, n) -> recorder.failures.computeIfAbsent(kind, k -> new LongAdder()).add(n));
        snapshot.failuresAfterMark().forEach((kind, n) -> recorder.failuresAfterMark.computeIfAbsent(kind, k -> new LongAdder()).add(n));
        recorder.credentialBytes.add(snapshot.credentialBytes());
        recorder.latency.add(LatencyHistogram.decode(snapshot.latency(), false));
        return recorder;
    }

    /**
     * What a recorder holds, bin by bin, as plain data (JSON between two JVMs); histograms are
     * {@link LatencyHistogram#encoded} text, an empty text for a bin where nothing completed.
     */
    record Snapshot(long[] ok, long[] failed, Map<String, long[]> failedByBin, Map<String, Long> failures,
                    Map<String, Long> failuresAfterMark, long credentialBytes, String latency, List<String> binLatency) {
    }
}
