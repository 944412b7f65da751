package statelab.scenario;

import java.util.Map;

/**
 * What one step did. A request step has an index (1, 2, ...) and one result per cluster, keyed by
 * strategy id in display order; a lab action has neither, only a note of what happened.
 */
public record StepReport(Integer index, String action, Map<String, RequestResult> results, String note) {

    public boolean isRequest() {
        return index != null;
    }
}
