package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerReaderTest {

    private static AnswerReader reader(String text) {
        return new AnswerReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void a_200_with_content_length_is_read_and_its_body_skipped() throws IOException {
        AnswerReader in = reader("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Served-By: S1\r\n\r\nhello"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        HttpAnswer first = in.read();
        HttpAnswer second = in.read();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.failureKind()).isNull();
        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void a_problem_answer_yields_its_kind() throws IOException {
        String body = "{\"type\":\"urn:statelab:problem:not-recognised\",\"status\":401,\"kind\":\"not-recognised\",\"node\":\"S2\"}";
        HttpAnswer answer = reader("HTTP/1.1 401 Unauthorized\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).read();

        assertThat(answer.failureKind()).isEqualTo("not-recognised");
        assertThat(answer.close()).isFalse();
    }

    @Test
    void an_answer_without_a_kind_is_named_by_its_status() throws IOException {
        HttpAnswer answer = reader("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 3\r\n\r\nbad").read();

        assertThat(answer.failureKind()).isEqualTo("http-502");
    }

    @Test
    void a_chunked_body_is_read_to_its_end() throws IOException {
        AnswerReader in = reader("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n{\"kind\":\"n\r\n9;x=1\r\node-down\"\r\n1\r\n}\r\n0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(in.read().failureKind()).isEqualTo("node-down");
        assertThat(in.read().status()).isEqualTo(200);
    }

    @Test
    void cookies_and_connection_close_are_reported() throws IOException {
        HttpAnswer answer = reader("HTTP/1.1 200 OK\r\nSet-Cookie: sid=abc; Path=/\r\nset-cookie: lb=x\r\n"
                + "Connection: close\r\nContent-Length: 0\r\n\r\n").read();

        assertThat(answer.setCookies()).containsExactly("sid=abc; Path=/", "lb=x");
        assertThat(answer.close()).isTrue();
    }

    @Test
    void a_connection_that_closes_before_an_answer_is_an_eof() {
        assertThatThrownBy(() -> reader("").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort").read())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void text_that_is_not_http_is_refused() {
        assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH\r\n").read()).isInstanceOf(IOException.class);
    }
}
