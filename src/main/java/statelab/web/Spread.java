package statelab.web;

import java.util.List;

/**
 * The median and 95th percentile of a set of measurements, by the nearest-rank method (each is a
 * value that was really measured, not an interpolation), rounded to 0.1.
 */
record Spread(double p50, double p95) {

    /** The spread of the values, or null when there are none. */
    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Spread(round(rank(sorted, 50)), round(rank(sorted, 95)));
    }

    private static double rank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
