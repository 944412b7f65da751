package statelab.node;

import statelab.problem.ProblemDetails;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import io.lettuce.core.SetArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.session.Resolution;
import statelab.session.SessionStrategy;
import statelab.session.redis.RedisKeys;

/**
 * The uploads lab: the signed-in user's avatar, stored on this node's own disk ({@code variant=local})
 * or in the shared store ({@code variant=shared}). One avatar per user per variant: a new upload
 * replaces the old one. The file's name is a digest of the user name, so nothing the client sends
 * ever becomes part of a path. A node's directory goes with the node, so a restart loses its files.
 */
final class AvatarEndpoints {
    /** Shared avatars expire like sessions would; a reset removes them at once. */
    static final Duration SHARED_FOR = Duration.ofHours(1);

    private final NodeResponses out;
    private final SessionStrategy sessions;
    private final SessionCookies cookies;
    private final NodeStores stores;

    AvatarEndpoints(NodeResponses out, SessionStrategy sessions, SessionCookies cookies, NodeStores stores) {
        this.out = out;
        this.sessions = sessions;
        this.cookies = cookies;
        this.stores = stores;
    }

    void upload(Request request, Response response, Callback callback) throws ProblemException {
        String variant = Variant.of(request, "local", "local", "shared");
        String user;
        switch (sessions.resolve(credentialOf(request))) {
            case Resolution.Failed failed -> {
                out.failure(response, callback, failed.kind(), "sign in before uploading an avatar");
                return;
            }
            case Resolution.Found found -> user = found.session().user();
        }
        ImageUpload image = ImageUpload.read(request);
        if (variant.equals("local")) {
            writeLocal(user, image.bytes());
        } else {
            String encoded = Base64.getEncoder().encodeToString(image.bytes());
            stores.shared().call(c -> c.set(RedisKeys.avatar(user), encoded, SetArgs.Builder.ex(SHARED_FOR)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("path", "/avatar");
        body.put("variant", variant);
        body.put("type", image.mediaType());
        body.put("bytes", image.bytes().length);
        body.put("storedIn", variant.equals("local") ? "on this node's own disk" : "in the shared store");
        out.json(response, callback, 200, body);
    }

    void download(Request request, Response response, Callback callback) throws ProblemException {
        String variant = Variant.of(request, "local", "local", "shared");
        String user;
        switch (sessions.resolve(credentialOf(request))) {
            case Resolution.Failed failed -> {
                out.failure(response, callback, failed.kind(), "sign in to see your avatar");
                return;
            }
            case Resolution.Found found -> user = found.session().user();
        }
        byte[] image = variant.equals("local") ? readLocal(user) : readShared(user);
        String type = image == null ? null : ImageUpload.typeOf(image);
        if (type == null) {
            out.problem(response, callback, ProblemDetails.of(ProblemKind.NOT_FOUND_ON_THIS_NODE,
                    variant.equals("local") ? "this node's disk has no avatar for " + user
                            + " (it may be on the disk of the node that took the upload)"
                            : "the shared store has no avatar for " + user));
            return;
        }
        out.bytes(response, callback, type, image);
    }

    private void writeLocal(String user, byte[] bytes) throws ProblemException {
        Path target = fileOf(user);
        try {
            Path partial = Files.createTempFile(stores.directory(), "upload-", ".part");
            try {
                Files.write(partial, bytes);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.INSUFFICIENT_STORAGE, "this node could not store the file");
        }
    }

    private byte[] readLocal(String user) {
        try {
            return Files.readAllBytes(fileOf(user));
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] readShared(String user) {
        String encoded = stores.shared().call(c -> c.get(RedisKeys.avatar(user)));
        if (encoded == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The one file of a user's avatar: named by a digest, never by anything the client sent. */
    private Path fileOf(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return stores.directory().resolve("avatar-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private String credentialOf(Request request) throws ProblemException {
        return NodeRequest.credential(request, cookies.name(sessions.cookieName()), sessions.acceptsBearer());
    }
}
