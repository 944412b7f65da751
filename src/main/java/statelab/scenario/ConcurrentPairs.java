package statelab.scenario;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lost-update lab's pairs: for one session, two {@code POST /settings} at the same instant (both
 * threads wait at a barrier, then send), through two different nodes, each changing a different
 * setting to a value new to this pair; then one read of the session. A change the read does not show
 * was lost: the other node wrote back a copy of the session it had read before the change.
 */
final class ConcurrentPairs {
    static final String FIRST_SETTING = "pair-a";
    static final String SECOND_SETTING = "pair-b";

    /** Changes lost, pairs counted (both changes answered 200), pairs not counted. */
    record Result(long lost, int counted, int failed) {
    }

    private final NodeCall http;
    private final CookieJar jar;
    private final URI first;
    private final URI second;
    private final String variant;
    private final String run;

    ConcurrentPairs(NodeCall http, CookieJar jar, URI first, URI second, String variant, String run) {
        this.http = http;
        this.jar = jar;
        this.first = first;
        this.second = second;
        this.variant = variant;
        this.run = run;
    }

    Result run(int pairs) throws InterruptedException {
        long lost = 0;
        int counted = 0;
        int failed = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= pairs; i++) {
                String value = run + "-" + i;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<NodeCall.Answer> a = threads.submit(() -> change(together, first, FIRST_SETTING, value));
                Future<NodeCall.Answer> b = threads.submit(() -> change(together, second, SECOND_SETTING, value));
                if (!answered(a) || !answered(b)) {
                    failed++;
                    continue;
                }
                NodeCall.Answer read = http.json(first, "GET", "/profile", null, jar);
                if (!read.ok() || !(read.field("settings") instanceof Map<?, ?> settings)) {
                    failed++;
                    continue;
                }
                counted++;
                lost += (value.equals(settings.get(FIRST_SETTING)) ? 0 : 1) + (value.equals(settings.get(SECOND_SETTING)) ? 0 : 1);
            }
        }
        return new Result(lost, counted, failed);
    }

    private NodeCall.Answer change(CyclicBarrier together, URI node, String setting, String value)
            throws InterruptedException, BrokenBarrierException {
        together.await();
        return http.json(node, "POST", "/settings?variant=" + variant, "{\"" + setting + "\":\"" + value + "\"}", jar);
    }

    private static boolean answered(Future<NodeCall.Answer> answer) throws InterruptedException {
        try {
            return answer.get().ok();
        } catch (ExecutionException e) {
            return false;
        }
    }
}
