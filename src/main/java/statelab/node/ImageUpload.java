package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * An uploaded avatar read from a request body: at most {@link #MAX_BYTES}, and a PNG or a JPEG as
 * its first bytes say (the declared {@code Content-Type}, when there is one, must agree). Anything
 * else is refused before a byte is stored: 413 over the limit, 415 for any other kind of content.
 */
record ImageUpload(String mediaType, byte[] bytes) {
    static final int MAX_BYTES = 1024 * 1024;
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    static ImageUpload read(Request request) throws ProblemException {
        String declared = declaredType(request);
        if (declared != null && !declared.equals(PNG) && !declared.equals(JPEG)) {
            throw unsupported("an avatar is sent as image/png or image/jpeg, not " + declared);
        }
        byte[] bytes = NodeRequest.body(request, MAX_BYTES);
        String actual = typeOf(bytes);
        if (actual == null) {
            throw unsupported("the body is neither a PNG nor a JPEG (judged by its first bytes)");
        }
        if (declared != null && !declared.equals(actual)) {
            throw unsupported("the body is a " + actual + " but was declared " + declared);
        }
        return new ImageUpload(actual, bytes);
    }

    /** {@code image/png}, {@code image/jpeg}, or null when the bytes begin as neither. */
    static String typeOf(byte[] bytes) {
        if (startsWith(bytes, PNG_MAGIC)) {
            return PNG;
        }
        return startsWith(bytes, JPEG_MAGIC) ? JPEG : null;
    }

    private static String declaredType(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException unsupported(String why) {
        return new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, why);
    }
}
