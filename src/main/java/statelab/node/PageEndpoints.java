package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.FailureKind;
import statelab.session.ReadModifyWrite;
import statelab.session.Resolution;
import statelab.session.SessionStrategy;

/**
 * The pages that need a signed-in user ({@code GET /profile}, {@code GET /dashboard}) and
 * {@code POST /settings}: 200 with the user and their settings when this node recognises the
 * credential, else a problem with the failure kind. {@code POST /settings?variant=naive} (redis
 * cluster only) changes each setting by reading and writing back the whole session, for the
 * lost-update lab; the default, {@code atomic}, is one operation in the store.
 */
final class PageEndpoints {
    private static final Pattern SETTING_KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_SETTING_VALUE = 64;
    private static final int MAX_SETTINGS_PER_REQUEST = 8;
    /** Settings one session may hold: every strategy stores them, and a JWT carries them in every request. */
    static final int MAX_SETTINGS = 16;
    /** Their size as JSON at worst ({@link #jsonBytesAtMost}); with the claims, a token stays well under the verifier's 4,096 characters. */
    static final int MAX_SETTINGS_BYTES = 1024;

    private final NodeResponses out;
    private final SessionStrategy sessions;
    private final SessionCookies cookies;
    private final ReadModifyWrite naive;

    /** @param naive the strategy's read-modify-write path for {@code ?variant=naive}, or null where it has none */
    PageEndpoints(NodeResponses out, SessionStrategy sessions, SessionCookies cookies, ReadModifyWrite naive) {
        this.out = out;
        this.sessions = sessions;
        this.cookies = cookies;
        this.naive = naive;
    }

    void page(String path, Request request, Response response, Callback callback) throws ProblemException {
        answer(path, sessions.resolve(credentialOf(request)), response, callback);
    }

    void settings(Request request, Response response, Callback callback) throws ProblemException {
        String credential = credentialOf(request);
        boolean readModifyWrite = Variant.of(request, "atomic", "atomic", "naive").equals("naive");
        if (readModifyWrite && naive == null) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "variant=naive exists where sessions live in a shared store (the redis cluster)");
        }
        Map<String, String> changes = settingsIn(JsonBodies.parse(NodeRequest.jsonBody(request)));
        Resolution result = switch (sessions.resolve(credential)) {
            case Resolution.Failed failed -> failed;
            case Resolution.Found found -> {
                requireRoomFor(found.session().settings(), changes);
                yield readModifyWrite ? naively(credential, changes) : sessions.updateSettings(credential, changes);
            }
        };
        if (result instanceof Resolution.Found found && found.replaces(credential)) {
            cookies.set(response, sessions.cookieName(), found.credential());
        }
        answer("/settings", result, response, callback);
    }

    /** The lost-update lab's path: one read and one write of the whole session per setting (at least one). */
    private Resolution naively(String credential, Map<String, String> changes) {
        var each = changes.entrySet().iterator();
        Map.Entry<String, String> first = each.next();
        Resolution result = naive.updateSettingNaively(credential, first.getKey(), first.getValue());
        while (each.hasNext() && result instanceof Resolution.Found) {
            Map.Entry<String, String> change = each.next();
            result = naive.updateSettingNaively(credential, change.getKey(), change.getValue());
        }
        return result;
    }

    /**
     * Refuses changes that would take a session past {@value #MAX_SETTINGS} settings or
     * {@value #MAX_SETTINGS_BYTES} bytes of them, before anything is written: the session stays as it
     * was (a token is neither re-signed nor revoked), so a JWT never outgrows the size verifiers accept.
     */
    private static void requireRoomFor(Map<String, String> settings, Map<String, String> changes) throws ProblemException {
        Map<String, String> after = new LinkedHashMap<>(settings);
        after.putAll(changes);
        int bytes = jsonBytesAtMost(after);
        if (after.size() > MAX_SETTINGS || bytes > MAX_SETTINGS_BYTES) {
            throw new ProblemException(ProblemKind.SETTINGS_TOO_LARGE, "a session keeps at most " + MAX_SETTINGS
                    + " settings of " + MAX_SETTINGS_BYTES + " bytes in all (as JSON, escapes counted); this change would make "
                    + after.size() + " of " + bytes + " bytes. The session is unchanged");
        }
    }

    /**
     * The most bytes the settings can take as JSON in any encoder: a character outside plain ASCII
     * letters, digits and a few marks may be written as a six-byte {@code \\uXXXX} escape (some JSON
     * writers escape HTML's characters too), and each entry costs its quotes, colon and comma.
     */
    static int jsonBytesAtMost(Map<String, String> settings) {
        int bytes = 2;
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            bytes += 6 + escapedLength(entry.getKey()) + escapedLength(entry.getValue());
        }
        return bytes;
    }

    private static int escapedLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " -_.,:;!?()#+*/".indexOf(c) >= 0;
            length += plain ? 1 : 6;
        }
        return length;
    }

    private String credentialOf(Request request) throws ProblemException {
        return NodeRequest.credential(request, cookies.name(sessions.cookieName()), sessions.acceptsBearer());
    }

    private static Map<String, String> settingsIn(JsonNode body) throws ProblemException {
        if (!body.isObject() || body.isEmpty() || body.size() > MAX_SETTINGS_PER_REQUEST) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "send 1 to " + MAX_SETTINGS_PER_REQUEST + " settings as {\"name\": \"value\"}");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (!SETTING_KEY.matcher(field.getKey()).matches() || !value.isTextual()
                    || value.asText().length() > MAX_SETTING_VALUE) {
                throw new ProblemException(ProblemKind.BAD_REQUEST, "setting names are lower-case words up to 32 characters; values are text up to 64");
            }
            changes.put(field.getKey(), value.asText());
        }
        return changes;
    }

    private void answer(String path, Resolution resolution, Response response, Callback callback) {
        switch (resolution) {
            case Resolution.Failed failed -> out.failure(response, callback, failed.kind(), detailOf(failed.kind()));
            case Resolution.Found found -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("user", found.session().user());
                body.put("strategy", sessions.id());
                body.put("path", path);
                body.put("settings", found.session().settings());
                out.json(response, callback, 200, body);
            }
        }
    }

    private static String detailOf(FailureKind kind) {
        return switch (kind) {
            case NOT_RECOGNISED -> "this node has no session for the credential it was sent";
            case EXPIRED -> "the session is past its timeout; sign in again";
            case REVOKED -> "the session was ended by a logout";
            case BAD_CREDENTIAL -> "the credential is malformed, forged or tampered with";
            default -> kind.key();
        };
    }
}
