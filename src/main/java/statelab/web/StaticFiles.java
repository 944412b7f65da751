package statelab.web;

import statelab.problem.ProblemKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.problem.ProblemDetails;

/**
 * The lesson's files from the class path's {@code web/} folder (in the jar): {@code /} is
 * {@code index.html}. Only plain names with a known type are served, each with its exact content
 * type (JavaScript modules need {@code text/javascript}), {@code Cache-Control: no-cache} and an
 * ETag, so a browser revalidates and always runs the page that matches the API. No listings; any
 * other path is a 404 problem.
 */
final class StaticFiles extends Handler.Abstract {
    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "webp", "image/webp",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private record File(byte[] bytes, String type, String etag) {
    }

    private final String folder;
    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    /** @param folder the class-path folder, such as {@code web} */
    StaticFiles(String folder) {
        this.folder = folder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            ProblemDetails.of(ProblemKind.METHOD_NOT_ALLOWED, "the page's files can only be read (GET)")
                    .write(response, callback);
            return true;
        }
        String path = Request.getPathInContext(request);
        Optional<File> file = find(path.endsWith("/") ? path + "index.html" : path);
        if (file.isEmpty()) {
            ProblemDetails.of(ProblemKind.NOT_FOUND, "there is no file " + path).write(response, callback);
            return true;
        }
        File found = file.get();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, found.etag());
        if (found.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, found.type());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, found.bytes().length);
        if (method.equals("HEAD")) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(found.bytes()), callback);
        }
        return true;
    }

    /** The file at a request path, or empty when the path is not a plain name of a known type. */
    private Optional<File> find(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null || path.lastIndexOf('.') < path.lastIndexOf('/')) {
            return Optional.empty();
        }
        // The jar does not change while the server runs, so each file is read once.
        return files.computeIfAbsent(path, p -> load(folder + p, type));
    }

    private static Optional<File> load(String name, String type) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new File(bytes, type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " from the jar", e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
