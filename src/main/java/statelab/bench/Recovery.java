package statelab.bench;

/**
 * How long a cluster took to get over a node kill, from the 100 ms bins of a phase. A bin after
 * the kill is disturbed when its failure ratio is more than two points above the ratio before the
 * kill, or when its successes fell below half the mean before it (a stall counts even without
 * failures). Recovery ends with the last disturbed bin; a run still disturbed in its last second
 * has not recovered.
 */
final class Recovery {
    static final double FAILURE_TOLERANCE = 0.02;
    static final double THROUGHPUT_FLOOR = 0.5;
    private static final int SETTLED_BINS = 1_000 / Recorder.BIN_MILLIS;

    private Recovery() {
    }

    /**
     * @param ok      successes per bin
     * @param failed  failures per bin
     * @param killBin the bin in which the kill happened
     * @param killOffsetMillis the kill's time within the measured window
     * @return seconds from the kill to recovery, 0 when nothing was disturbed, null when not recovered
     */
    static Double seconds(long[] ok, long[] failed, int killBin, long killOffsetMillis) {
        long okBefore = 0;
        long failedBefore = 0;
        for (int i = 0; i < killBin; i++) {
            okBefore += ok[i];
            failedBefore += failed[i];
        }
        double baselineFailures = okBefore + failedBefore == 0 ? 0 : (double) failedBefore / (okBefore + failedBefore);
        double baselineOk = killBin == 0 ? 0 : (double) okBefore / killBin;
        int lastDisturbed = -1;
        for (int i = killBin; i < ok.length; i++) {
            long answers = ok[i] + failed[i];
            double failureRatio = answers == 0 ? 1 : (double) failed[i] / answers;
            boolean disturbed = failureRatio > baselineFailures + FAILURE_TOLERANCE || ok[i] < baselineOk * THROUGHPUT_FLOOR;
            if (disturbed) {
                lastDisturbed = i;
            }
        }
        if (lastDisturbed < 0) {
            return 0.0;
        }
        if (lastDisturbed >= ok.length - SETTLED_BINS) {
            return null;
        }
        long recoveredAtMillis = (long) (lastDisturbed + 1) * Recorder.BIN_MILLIS;
        return Math.max(0, recoveredAtMillis - killOffsetMillis) / 1000.0;
    }
}
