package statelab.lb.haproxy;

import statelab.problem.ProblemKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import statelab.problem.ProblemDetails;

/**
 * HAProxy's own answers as RFC 9457 problem bodies with the same kinds our balancer answers:
 * {@code node-down} when no node could take the request (502, 503, 504), {@code too-large},
 * {@code bad-request}, {@code timeout}. HAProxy sends an errorfile as it is, so each is a whole
 * HTTP response.
 */
public final class HaproxyErrorPages {
    static final List<Integer> STATUSES = List.of(400, 408, 413, 500, 502, 503, 504);

    private HaproxyErrorPages() {
    }

    /** Writes one {@code <status>.http} file per status into the folder. */
    public static void write(Path folder) throws IOException {
        for (int status : STATUSES) {
            Files.write(folder.resolve(status + ".http"), response(status));
        }
    }

    static byte[] response(int status) {
        ProblemDetails problem = problem(status).with("node", null).with("user", null);
        byte[] body = problem.toJson();
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: application/problem+json\r\n"
                + "Cache-Control: no-store\r\n"
                + ProblemDetails.NOSNIFF_HEADER + ": " + ProblemDetails.NOSNIFF + "\r\n"
                + (status == 503 ? "Retry-After: 1\r\n" : "")
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static ProblemDetails problem(int status) {
        return switch (status) {
            case 400 -> ProblemDetails.of(ProblemKind.BAD_REQUEST, "the load balancer could not read this request");
            case 408 -> ProblemDetails.of(ProblemKind.TIMEOUT, "the request did not arrive in time");
            case 413 -> ProblemDetails.of(ProblemKind.TOO_LARGE, "the load balancer accepts bodies of at most " + HaproxyConfig.MAX_BODY_BYTES + " bytes");
            case 500 -> ProblemDetails.of(ProblemKind.SERVER_ERROR, "the load balancer failed");
            case 503 -> ProblemDetails.of(ProblemKind.NODE_DOWN, "the load balancer has no healthy node to send this request to");
            default -> ProblemDetails.of(ProblemKind.NODE_DOWN, status, "the node stopped answering while handling this request");
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Gateway Timeout";
        };
    }
}
