package statelab.node;

import statelab.problem.LingeringClose;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemDetails;
import statelab.problem.ProblemException;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.CannotIssueException;
import statelab.session.FailureKind;
import statelab.session.LoginThrottle;
import statelab.session.ReadModifyWrite;
import statelab.session.RequestTrace;
import statelab.session.SessionStoreUnavailableException;
import statelab.session.SessionStrategy;
import statelab.session.PasswordChecks;

/**
 * The app node's API (docs/LAB-SEMANTICS.md) in one routing table: login, logout, log out everywhere,
 * two pages and settings that need a signed-in user, health, the state labs' price and avatar
 * (docs/STATE-LABS.md), and a jwt node's public keys ({@link PublishedKeys}). Every answer names the node;
 * every failure is a problem body with a kind, and the rest of a body it refused is read before the
 * connection may close ({@link LingeringClose}); a store that cannot be reached is answered 503
 * {@code store-down} with {@code Retry-After}, never taken for "not signed in". Every POST must
 * come from this site when a browser sends it (the lab's one {@link OriginPolicy}, any Host).
 */
final class NodeHandler extends Handler.Abstract {
    /** Balancers reach a node under any name, so only the browser's own headers are judged. */
    private static final OriginPolicy ORIGINS = OriginPolicy.anyHost();
    /** Twice the largest body any endpoint takes (an avatar): enough for any body sent in good faith past a limit. */
    private static final LingeringClose REFUSED_BODY = LingeringClose.upTo(2L * ImageUpload.MAX_BYTES);

    private final NodeResponses out;
    private final AccountEndpoints account;
    private final PageEndpoints pages;
    private final CatalogEndpoints catalog;
    private final AvatarEndpoints avatars;
    private final PublishedKeys keys;

    NodeHandler(String nodeId, SessionStrategy strategy, PasswordChecks users, SessionCookies cookies, LoginThrottle throttle,
                NodeStores stores) {
        this.out = new NodeResponses(nodeId);
        SessionStrategy sessions = new TimedSessions(strategy);
        this.account = new AccountEndpoints(out, sessions, users, cookies, throttle);
        this.pages = new PageEndpoints(out, sessions, cookies, strategy instanceof ReadModifyWrite naive ? naive : null);
        this.catalog = new CatalogEndpoints(out, stores);
        this.avatars = new AvatarEndpoints(out, sessions, cookies, stores);
        this.keys = new PublishedKeys(out, strategy);
    }

    @Override
    public boolean handle(Request request, Response response, Callback exchange) {
        // Many refusals (401, 403, 405, 413, 415) come before the body is read, or instead of reading all of it.
        Callback callback = REFUSED_BODY.onRefusal(request, response, exchange);
        RequestTrace.begin();
        try {
            route(request.getMethod(), Request.getPathInContext(request), request, response, callback);
        } catch (ProblemException e) {
            out.problem(response, callback, e.details());
        } catch (CannotIssueException e) {
            out.problem(response, callback, ProblemDetails.of(ProblemKind.VERIFY_ONLY, e.getMessage()));
        } catch (SessionStoreUnavailableException e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            out.failure(response, callback, FailureKind.STORE_DOWN, "the session store did not answer; try again shortly");
        }
        return true;
    }

    private void route(String method, String path, Request request, Response response, Callback callback)
            throws ProblemException {
        switch (path) {
            case "/health" -> {
                allow(method, "GET");
                out.json(response, callback, 200, Map.of("up", true));
            }
            case "/login" -> {
                allowPost(method, request);
                account.login(request, response, callback);
            }
            case "/logout" -> {
                allowPost(method, request);
                account.logout(request, response, callback);
            }
            case "/logout-everywhere" -> {
                allowPost(method, request);
                account.logoutEverywhere(request, response, callback);
            }
            case "/settings" -> {
                allowPost(method, request);
                pages.settings(request, response, callback);
            }
            case "/catalog/price" -> {
                if (method.equals("POST")) {
                    allowPost(method, request);
                    catalog.change(request, response, callback);
                } else {
                    allow(method, "GET", "POST");
                    catalog.read(request, response, callback);
                }
            }
            case "/avatar" -> {
                if (method.equals("POST")) {
                    allowPost(method, request);
                    avatars.upload(request, response, callback);
                } else {
                    allow(method, "GET", "POST");
                    avatars.download(request, response, callback);
                }
            }
            case PublishedKeys.PATH -> {
                allow(method, "GET");
                keys.answer(response, callback);
            }
            case "/profile", "/dashboard" -> {
                allow(method, "GET");
                pages.page(path, request, response, callback);
            }
            default -> throw new ProblemException(ProblemKind.NOT_FOUND, "no such path on this node");
        }
    }

    private static void allowPost(String method, Request request) throws ProblemException {
        allow(method, "POST");
        OriginPolicy.Verdict verdict = ORIGINS.check(request);
        if (verdict != OriginPolicy.Verdict.ALLOWED) {
            throw new ProblemException(verdict.kind(), verdict.detail() + "; state-changing requests must come from this site");
        }
    }

    private static void allow(String method, String expected) throws ProblemException {
        boolean ok = method.equals(expected) || (expected.equals("GET") && method.equals("HEAD"));
        if (!ok) {
            throw new ProblemException(ProblemKind.METHOD_NOT_ALLOWED, "use " + expected);
        }
    }

    /** A path that takes GET (and HEAD) to read and POST to change. */
    private static void allow(String method, String read, String change) throws ProblemException {
        if (!method.equals(read) && !method.equals("HEAD")) {
            throw new ProblemException(ProblemKind.METHOD_NOT_ALLOWED, "use " + read + " or " + change);
        }
    }
}
