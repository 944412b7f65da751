package statelab.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.FailureKind;
import statelab.session.Resolution;
import statelab.session.SessionStoreUnavailableException;
import statelab.session.SessionStrategy;
import statelab.session.RequestTrace;
import statelab.session.UserDirectory;

/**
 * The app node's API (lab-semantics.md): login, three pages that need a signed-in user, settings,
 * logout and health. Every answer names the node; every failure is a problem body with a kind.
 * A store that cannot be reached is answered 503 {@code store-down} with {@code Retry-After}.
 */
final class NodeHandler extends Handler.Abstract {
    private static final Set<String> PAGES = Set.of("/profile", "/dashboard");
    private static final Pattern SETTING_KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_SETTING_VALUE = 64;
    private static final int MAX_SETTINGS_PER_REQUEST = 8;

    private final NodeResponses out;
    private final SessionStrategy sessions;
    private final UserDirectory users;
    private final SessionCookies cookies;

    NodeHandler(String nodeId, SessionStrategy sessions, UserDirectory users, SessionCookies cookies) {
        this.out = new NodeResponses(nodeId);
        this.sessions = sessions;
        this.users = users;
        this.cookies = cookies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestTrace.begin();
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            route(method, path, request, response, callback);
        } catch (NodeRequest.Rejected e) {
            out.problem(response, callback, e.status, e.kind, "Request refused", e.getMessage());
        } catch (SessionStoreUnavailableException e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            out.failure(response, callback, FailureKind.STORE_DOWN, "the session store did not answer; try again shortly");
        }
        return true;
    }

    private void route(String method, String path, Request request, Response response, Callback callback)
            throws NodeRequest.Rejected {
        boolean post = method.equals("POST");
        boolean get = method.equals("GET") || method.equals("HEAD");
        switch (path) {
            case "/health" -> requireMethod(get, "GET", () -> out.json(response, callback, 200, Map.of("up", true)));
            case "/login" -> {
                requireMethod(post, "POST", null);
                login(request, response, callback);
            }
            case "/logout" -> {
                requireMethod(post, "POST", null);
                logout(request, response, callback);
            }
            case "/settings" -> {
                requireMethod(post, "POST", null);
                settings(request, response, callback);
            }
            default -> {
                if (!PAGES.contains(path)) {
                    throw new NodeRequest.Rejected(404, "not-found", "no such path on this node");
                }
                requireMethod(get, "GET", null);
                page(path, request, response, callback);
            }
        }
    }

    private static void requireMethod(boolean allowed, String expected, Runnable then) throws NodeRequest.Rejected {
        if (!allowed) {
            throw new NodeRequest.Rejected(405, "method-not-allowed", "use " + expected);
        }
        if (then != null) {
            then.run();
        }
    }

    private void login(Request request, Response response, Callback callback) throws NodeRequest.Rejected {
        JsonNode body = parse(NodeRequest.jsonBody(request));
        JsonNode user = body.get("user");
        JsonNode password = body.get("password");
        if (user == null || !user.isTextual() || password == null || !password.isTextual()) {
            throw new NodeRequest.Rejected(400, "bad-request", "send {\"user\": \"...\", \"password\": \"...\"}");
        }
        if (!users.authenticate(user.asText(), password.asText().toCharArray())) {
            out.failure(response, callback, FailureKind.BAD_CREDENTIAL, "unknown user or wrong password");
            return;
        }
        // A new credential at every login; the one the client held before is revoked (no fixation).
        String previous = credentialOf(request);
        if (previous != null) {
            sessions.revoke(previous);
        }
        long started = System.nanoTime();
        String credential = sessions.create(user.asText());
        RequestTrace.addSessionNanos(System.nanoTime() - started);
        cookies.set(response, sessions.cookieName(), credential);
        out.json(response, callback, 200, Map.of("user", user.asText(), "strategy", sessions.id(), "path", "/login"));
    }

    private void logout(Request request, Response response, Callback callback) throws NodeRequest.Rejected {
        String credential = credentialOf(request);
        Resolution who = resolve(credential);
        if (credential != null) {
            sessions.revoke(credential);
        }
        cookies.clear(response, sessions.cookieName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", who.recognised() ? who.session().user() : null);
        body.put("path", "/logout");
        body.put("revoked", sessions.revocable());
        out.json(response, callback, 200, body);
    }

    private void page(String path, Request request, Response response, Callback callback) throws NodeRequest.Rejected {
        String credential = credentialOf(request);
        answer(path, resolve(credential), response, callback);
    }

    private void settings(Request request, Response response, Callback callback) throws NodeRequest.Rejected {
        String credential = credentialOf(request);
        Map<String, String> changes = settingsIn(parse(NodeRequest.jsonBody(request)));
        Resolution result = resolve(credential);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!result.recognised()) {
                break;
            }
            String current = result.replacementCredential().orElse(credential);
            Resolution next = updateSetting(current, change.getKey(), change.getValue());
            result = next.recognised() && next.credential() == null && result.credential() != null
                    ? Resolution.found(next.session(), result.credential()) : next;
        }
        result.replacementCredential().ifPresent(c -> cookies.set(response, sessions.cookieName(), c));
        answer("/settings", result, response, callback);
    }

    private String credentialOf(Request request) throws NodeRequest.Rejected {
        return NodeRequest.credential(request, cookies.name(sessions.cookieName()), sessions.acceptsBearer());
    }

    private Resolution resolve(String credential) {
        long started = System.nanoTime();
        try {
            return sessions.resolve(credential);
        } finally {
            RequestTrace.addSessionNanos(System.nanoTime() - started);
        }
    }

    private Resolution updateSetting(String credential, String key, String value) {
        long started = System.nanoTime();
        try {
            return sessions.updateSetting(credential, key, value);
        } finally {
            RequestTrace.addSessionNanos(System.nanoTime() - started);
        }
    }

    private static Map<String, String> settingsIn(JsonNode body) throws NodeRequest.Rejected {
        if (!body.isObject() || body.isEmpty() || body.size() > MAX_SETTINGS_PER_REQUEST) {
            throw new NodeRequest.Rejected(400, "bad-request",
                    "send 1 to " + MAX_SETTINGS_PER_REQUEST + " settings as {\"name\": \"value\"}");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (!SETTING_KEY.matcher(field.getKey()).matches() || !value.isTextual()
                    || value.asText().length() > MAX_SETTING_VALUE) {
                throw new NodeRequest.Rejected(400, "bad-request",
                        "setting names are lower-case words up to 32 characters; values are text up to 64");
            }
            changes.put(field.getKey(), value.asText());
        }
        return changes;
    }

    private void answer(String path, Resolution resolution, Response response, Callback callback) {
        if (!resolution.recognised()) {
            out.failure(response, callback, resolution.failure(), detailOf(resolution.failure()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", resolution.session().user());
        body.put("strategy", sessions.id());
        body.put("path", path);
        body.put("settings", resolution.session().settings());
        out.json(response, callback, 200, body);
    }

    private String detailOf(FailureKind kind) {
        return switch (kind) {
            case NOT_RECOGNISED -> "this node has no session for the credential it was sent";
            case EXPIRED -> "the session is past its timeout; sign in again";
            case REVOKED -> "the session was ended by a logout";
            case BAD_CREDENTIAL -> "the credential is malformed, forged or tampered with";
            default -> kind.key();
        };
    }

    private static JsonNode parse(byte[] body) throws NodeRequest.Rejected {
        try {
            JsonNode node = NodeResponses.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new NodeRequest.Rejected(400, "bad-request", "the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new NodeRequest.Rejected(400, "bad-request", "the body is not valid JSON");
        }
    }
}
