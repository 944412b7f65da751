package statelab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * The seed scenario's table as docs/LAB-SEMANTICS.md promises it, column by column ("NODE OUTCOME[ KIND]"
 * per request), for every test that runs the seed: on the lab, behind HAProxy, against processes.
 */
public final class SeedTable {
    /** In-memory: only S1, which holds the session, recognises it; after S1's kill nobody does. */
    public static final List<String> IN_MEMORY = List.of("S1 success", "S2 failure not-recognised", "S3 failure not-recognised",
            "S1 success", "S2 failure not-recognised", "S3 failure not-recognised", "S2 failure not-recognised",
            "S3 failure not-recognised");
    /** Redis and jwt: every request succeeds, in round-robin order, on the two survivors after the kill. */
    public static final List<String> EVERYWHERE = List.of("S1 success", "S2 success", "S3 success", "S1 success",
            "S2 success", "S3 success", "S2 success", "S3 success");
    /** Successes and failures per cluster. */
    public static final Map<String, int[]> TOTALS = Map.of("in-memory", new int[] {2, 6}, "sticky", new int[] {4, 4},
            "redis", new int[] {8, 0}, "jwt", new int[] {8, 0});

    private SeedTable() {
    }

    /** Sticky: S1 until its kill, then one new node (S2 or S3, whichever the balancer picks) that never saw the session. */
    public static void assertSticky(List<String> column) {
        assertThat(column.subList(0, 4)).containsOnly("S1 success");
        assertThat(column.get(4)).isIn("S2 failure not-recognised", "S3 failure not-recognised");
        assertThat(column.subList(4, 8)).containsOnly(column.get(4));
    }
}
