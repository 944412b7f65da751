package statelab.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, counted in log-linear buckets: exact below 64 us, then 32 buckets per
 * power of two, so any percentile it answers is within about 3% of the true value. Recording is a
 * single atomic increment, safe from any number of threads, and needs no allocation, so the
 * load generator's own bookkeeping stays out of the latencies it measures.
 */
final class LatencyHistogram {
    private static final int EXACT = 64;
    private static final int PER_OCTAVE = 32;
    private static final int FIRST_OCTAVE = 6;
    private static final int LAST_OCTAVE = 31;
    private static final int BUCKETS = EXACT + (LAST_OCTAVE - FIRST_OCTAVE + 1) * PER_OCTAVE;
    private static final long LARGEST = (1L << (LAST_OCTAVE + 1)) - 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long micros) {
        counts.incrementAndGet(bucketOf(Math.max(0, Math.min(micros, LARGEST))));
    }

    /** Adds every count of {@code other} into this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long n = other.counts.get(i);
            if (n != 0) {
                counts.addAndGet(i, n);
            }
        }
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The latency below which {@code percent} of the recorded ones fall; 0 when nothing was recorded. */
    long percentile(double percent) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percent / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return valueOf(i);
            }
        }
        return valueOf(BUCKETS - 1);
    }

    long max() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) != 0) {
                return valueOf(i);
            }
        }
        return 0;
    }

    static int bucketOf(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int octave = 63 - Long.numberOfLeadingZeros(micros);
        int shift = octave - 5;
        return EXACT + (octave - FIRST_OCTAVE) * PER_OCTAVE + (int) ((micros >> shift) - PER_OCTAVE);
    }

    /** The middle of a bucket: what a percentile that lands in it is reported as. */
    static long valueOf(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int octave = FIRST_OCTAVE + (bucket - EXACT) / PER_OCTAVE;
        long mantissa = PER_OCTAVE + (bucket - EXACT) % PER_OCTAVE;
        long width = 1L << (octave - 5);
        return mantissa * width + width / 2;
    }
}
