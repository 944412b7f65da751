package statelab.bench;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies in microseconds, kept by HdrHistogram with three significant digits (any percentile
 * within 0.1%; {@link #perBin()}: two digits, within 1%, for the many short bins of a timeline),
 * resizing itself to whatever range it is given. Recording is safe from any number of
 * threads and allocates nothing once the range is reached, so the load generator's bookkeeping stays
 * out of the latencies it measures. Negative values count as 0.
 */
final class LatencyHistogram {
    private final ConcurrentHistogram histogram;

    LatencyHistogram() {
        this(3);
    }

    /** Compressed and in Base64, for a load generator in another JVM to hand its figures over; decoded by {@link #decode}. */
    String encoded() {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The histogram {@link #encoded} wrote; {@code perBin} picks the precision of the one it is read into.
     * Throws IllegalArgumentException for text that is not one.
     */
    static LatencyHistogram decode(String encoded, boolean perBin) {
        LatencyHistogram decoded = perBin ? perBin() : new LatencyHistogram();
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(encoded);
            decoded.histogram.add(org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(bytes), 0));
        } catch (java.util.zip.DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded latency histogram", e);
        }
        return decoded;
    }

    private LatencyHistogram(int significantDigits) {
        this.histogram = new ConcurrentHistogram(significantDigits);
    }

    /** A smaller histogram for one 100 ms bin of a timeline: a ten-minute phase has 6,000 of them. */
    static LatencyHistogram perBin() {
        return new LatencyHistogram(2);
    }

    void record(long micros) {
        histogram.recordValue(Math.max(0, micros));
    }

    /** Adds every count of {@code other} into this one. */
    void add(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The latency at or below which {@code percent} of the recorded ones fall; 0 when nothing was recorded. */
    long percentile(double percent) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percent);
    }

    long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }
}
