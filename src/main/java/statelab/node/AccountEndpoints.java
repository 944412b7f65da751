package statelab.node;

import statelab.problem.ProblemDetails;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.FailureKind;
import statelab.session.LoginThrottle;
import statelab.session.Resolution;
import statelab.session.SessionStrategy;
import statelab.session.PasswordChecks;

/**
 * Signing in and out: {@code POST /login}, {@code POST /logout}, {@code POST /logout-everywhere}.
 * Sign-in reserves an attempt of the user name's throttle before the password is even checked (check
 * and count in one step), runs the check on the node's own bounded queue, gives a new credential
 * every time and revokes the one the client held before (no session fixation). A logout says which
 * node answered, whether it held the session and whether it really ended it ({@code revoked}), and
 * when not, why ({@code reason}): in memory, a node can only end the sessions it holds.
 */
final class AccountEndpoints {
    private static final int MAX_USER_NAME = 64;

    private final NodeResponses out;
    private final SessionStrategy sessions;
    private final PasswordChecks users;
    private final SessionCookies cookies;
    private final LoginThrottle throttle;

    AccountEndpoints(NodeResponses out, SessionStrategy sessions, PasswordChecks users, SessionCookies cookies,
                     LoginThrottle throttle) {
        this.out = out;
        this.sessions = sessions;
        this.users = users;
        this.cookies = cookies;
        this.throttle = throttle;
    }

    void login(Request request, Response response, Callback callback) throws ProblemException {
        JsonNode body = JsonBodies.parse(NodeRequest.jsonBody(request));
        JsonNode user = body.get("user");
        JsonNode password = body.get("password");
        if (user == null || !user.isTextual() || password == null || !password.isTextual()
                || user.asText().isEmpty() || user.asText().length() > MAX_USER_NAME) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "send {\"user\": \"...\", \"password\": \"...\"}");
        }
        String name = user.asText();
        Optional<Duration> wait = throttle.reserve(name);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
            out.failure(response, callback, FailureKind.RATE_LIMITED,
                    "too many failed sign-ins for this user name; try again in " + seconds + " s", Map.of("retryAfter", seconds));
            return;
        }
        boolean authentic;
        try {
            authentic = users.authenticate(name, password.asText().toCharArray());
        } catch (PasswordChecks.Busy e) {
            // No password was checked, so the attempt is given back; the client may retry in a moment.
            throttle.release(name);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            out.problem(response, callback, ProblemDetails.of(ProblemKind.SIGN_IN_BUSY,
                    "this node is checking as many passwords as it queues; try again in a second"));
            return;
        }
        if (!authentic) {
            // The reserved attempt stays counted: that is the failure.
            out.failure(response, callback, FailureKind.BAD_CREDENTIAL, "unknown user or wrong password");
            return;
        }
        throttle.release(name);
        String previous = credentialOf(request);
        // The new session first: a node that cannot issue one leaves the client's current session as it was.
        String fresh = sessions.create(name);
        if (previous != null) {
            sessions.revoke(previous);
        }
        cookies.set(response, sessions.cookieName(), fresh);
        out.json(response, callback, 200, Map.of("user", name, "strategy", sessions.id(), "path", "/login"));
    }

    void logout(Request request, Response response, Callback callback) throws ProblemException {
        String credential = credentialOf(request);
        Resolution who = sessions.resolve(credential);
        // Only what is true: this node ended a session only if it found one, and only if its revoke took effect.
        boolean ended = credential != null && sessions.revoke(credential);
        cookies.clear(response, sessions.cookieName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", who instanceof Resolution.Found found ? found.session().user() : null);
        body.put("path", "/logout");
        boolean held = who instanceof Resolution.Found;
        boolean revoked = held && ended;
        body.put("held", held);
        body.put("revoked", revoked);
        if (!revoked) {
            body.put("reason", notRevokedBecause(credential, who));
        }
        out.json(response, callback, 200, body);
    }

    private String notRevokedBecause(String credential, Resolution who) {
        if (credential == null) {
            return "no credential was sent, so there was nothing to end";
        }
        return switch (who) {
            case Resolution.Found found ->
                    "a token cannot be revoked without the deny-list: the cookie is cleared here, but a copy stays valid until it expires";
            case Resolution.Failed failed -> switch (failed.kind()) {
                case NOT_RECOGNISED -> "this node holds no session for the credential: the cookie is cleared in this browser, but the node "
                        + "that holds the session (in memory) still accepts a copy of it until it times out";
                case EXPIRED, REVOKED -> "the session had already ended (" + failed.kind().key() + ")";
                default -> "the credential was not recognised (" + failed.kind().key() + ")";
            };
        };
    }

    void logoutEverywhere(Request request, Response response, Callback callback) throws ProblemException {
        switch (sessions.resolve(credentialOf(request))) {
            case Resolution.Failed failed -> out.failure(response, callback, failed.kind(), "sign in first to log out everywhere");
            case Resolution.Found found -> {
                String user = found.session().user();
                boolean everywhere = sessions.revokeAll(user);
                cookies.clear(response, sessions.cookieName());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("user", user);
                body.put("path", "/logout-everywhere");
                body.put("everywhere", everywhere);
                body.put("detail", everywhere ? "every session of this user has ended, on every node"
                        : "only the sessions this node holds have ended; other nodes keep theirs (or, for tokens, until they expire)");
                out.json(response, callback, 200, body);
            }
        }
    }

    private String credentialOf(Request request) throws ProblemException {
        return NodeRequest.credential(request, cookies.name(sessions.cookieName()), sessions.acceptsBearer());
    }
}
