package statelab.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import statelab.lab.LabEvent;
import statelab.scenario.RequestResult;
import statelab.scenario.StepReport;
import statelab.session.FailureKind;

/**
 * What a step of the walk should tell the learner in plain words, beyond its counters: that the
 * walker is locked out by the sign-in throttle (and for how long), and that a logout ended nothing
 * because the node that answered did not hold the session. Read from the nodes' own answers
 * ({@code retryAfter} of a {@code rate-limited} problem; {@code revoked} and {@code reason} of a logout).
 */
final class WalkNotices {
    private WalkNotices() {
    }

    static List<LabEvent> of(String user, StepReport step) {
        List<LabEvent> notices = new ArrayList<>();
        List<String> locked = new ArrayList<>();
        long waitSeconds = 0;
        for (Map.Entry<String, RequestResult> entry : step.results().entrySet()) {
            RequestResult result = entry.getValue();
            Map<String, Object> body = result.wire() == null ? null : result.wire().body();
            if (result.failedWith(FailureKind.RATE_LIMITED)) {
                locked.add(entry.getKey());
                if (body != null && body.get("retryAfter") instanceof Number seconds) {
                    waitSeconds = Math.max(waitSeconds, seconds.longValue());
                }
            }
            if ("/logout".equals(result.path()) && body != null && Boolean.FALSE.equals(body.get("revoked"))) {
                notices.add(LabEvent.of("logout-kept", entry.getKey(), result.node() + " cleared the cookie but ended no session: "
                        + body.getOrDefault("reason", "it held none")));
            }
        }
        if (!locked.isEmpty()) {
            notices.add(0, LabEvent.of("locked-out", locked.size() == 1 ? locked.get(0) : null, user + " is locked out ("
                    + String.join(", ", locked) + "): after too many wrong passwords for this name, sign-in is refused, even with the right"
                    + " password, for " + plainDuration(waitSeconds) + ". That is the throttle protecting the account;"
                    + " it lifts by itself, or reset the lab."));
        }
        return notices;
    }

    /** Such as {@code 4 min 52 s}; "a while" when the node did not say. */
    static String plainDuration(long seconds) {
        if (seconds <= 0) {
            return "a while";
        }
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
