package statelab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import statelab.json.Json;

/**
 * The report as one JSON document: the records' fields as they are named, latencies in
 * microseconds, rates per second, times in seconds, the machine's date as ISO-8601 text.
 */
public final class BenchJson {
    private BenchJson() {
    }

    public static String text(BenchReport report) {
        try {
            return Json.prettyWriter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the bench report could not be written as JSON", e);
        }
    }
}
