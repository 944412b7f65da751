package statelab.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.lab.LabEvent;
import statelab.lab.LabListener;
import statelab.scenario.RequestResult;
import statelab.scenario.StepReport;

/**
 * What the page remembers of Alice's walk since the last reset: per cluster the success and failure
 * counts and the last request, the newest {@value #MAX_STEPS} steps (the verdicts read them), and the
 * newest {@value #LOG_SIZE} lab events of at most {@value #MESSAGE_CHARS} characters each. Thread-safe. As a {@link LabListener} it only appends and signals
 * {@code changed}, so the servers that raise events are never held up; a reset keeps the log.
 */
final class LabState implements LabListener {
    static final int LOG_SIZE = 200;
    /** Characters kept of an event's message: the log is bounded in size, not only in count. */
    static final int MESSAGE_CHARS = 300;
    /** Steps kept for the verdicts: anyone who can reach the page's API can send "next" forever. */
    static final int MAX_STEPS = 1_000;

    /** Requests served as the signed-in user, and the others, also by failure kind (in the order first seen). */
    record Counters(int success, int failure, Map<String, Integer> byKind) {
        static final Counters ZERO = new Counters(0, 0, Map.of());

        Counters plus(RequestResult result) {
            if (result.succeeded()) {
                return new Counters(success + 1, failure, byKind);
            }
            Map<String, Integer> kinds = new LinkedHashMap<>(byKind);
            kinds.merge(result.kind() == null ? "unknown" : result.kind(), 1, Integer::sum);
            return new Counters(success, failure + 1, Collections.unmodifiableMap(kinds));
        }
    }

    /** A cluster's last request and its number in the walk. */
    record Last(int index, RequestResult result) {
    }

    /** A consistent copy of everything, for one state document. */
    record Snapshot(Map<String, Counters> counters, Map<String, Last> last, List<StepReport> steps, List<LabEvent> log) {
        Counters counters(String strategy) {
            return counters.getOrDefault(strategy, Counters.ZERO);
        }
    }

    private final Runnable changed;
    private final Map<String, Counters> counters = new HashMap<>();
    private final Map<String, Last> last = new HashMap<>();
    private final List<StepReport> steps = new ArrayList<>();
    private final Deque<LabEvent> log = new ArrayDeque<>();

    /** @param changed told after every change (it must not block) */
    LabState(Runnable changed) {
        this.changed = changed;
    }

    /** Counts a step of the walk: a request updates every cluster's counters and last request. */
    void record(StepReport step) {
        synchronized (this) {
            steps.add(step);
            if (steps.size() > MAX_STEPS) {
                steps.subList(0, steps.size() - MAX_STEPS).clear();
            }
            if (step.isRequest()) {
                step.results().forEach((strategy, result) -> {
                    counters.put(strategy, counters.getOrDefault(strategy, Counters.ZERO).plus(result));
                    last.put(strategy, new Last(step.index(), result));
                });
            }
        }
        changed.run();
    }

    /** Back to no requests; the event log stays, since the reset itself is one of its events. */
    void reset() {
        synchronized (this) {
            counters.clear();
            last.clear();
            steps.clear();
        }
        changed.run();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(Map.copyOf(counters), Map.copyOf(last), List.copyOf(steps), List.copyOf(log));
    }

    @Override
    public void onEvent(LabEvent event) {
        synchronized (this) {
            log.addLast(event.message().length() <= MESSAGE_CHARS ? event
                    : new LabEvent(event.at(), event.type(), event.strategy(), event.message().substring(0, MESSAGE_CHARS) + "..."));
            while (log.size() > LOG_SIZE) {
                log.removeFirst();
            }
        }
        changed.run();
    }
}
