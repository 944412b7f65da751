package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class UpstreamRequestHeadTest {

    private static String line(HttpHeader header, String value) {
        ByteBuffer head = ByteBuffer.allocate(value.length() + 64);
        UpstreamRequestHead.putLine(header, value, head);
        return StandardCharsets.ISO_8859_1.decode(head.flip()).toString();
    }

    @Test
    void a_known_header_goes_out_with_its_usual_spelling_and_the_value_unchanged() {
        String token = "token=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_";
        assertThat(line(HttpHeader.COOKIE, token)).isEqualTo("Cookie: " + token + "\r\n");
    }

    @Test
    void a_value_keeps_its_tabs_and_latin_1_bytes() {
        assertThat(line(HttpHeader.USER_AGENT, "a\tb caf\u00e9")).isEqualTo("User-Agent: a\tb caf\u00e9\r\n");
    }

    @Test
    void a_carriage_return_line_feed_or_nul_in_a_value_goes_out_as_a_space_so_no_line_can_be_smuggled_in() {
        assertThat(line(HttpHeader.VIA, "1.1 x\r\nX-Admin: yes\u0000"))
                .isEqualTo("Via: 1.1 x  X-Admin: yes \r\n")
                .containsOnlyOnce("\r\n");
    }

    @Test
    void a_character_beyond_latin_1_goes_out_as_a_question_mark_never_as_a_line_end() {
        assertThat(line(HttpHeader.HOST, "h\u010d\u560a")).isEqualTo("Host: h??\r\n");
    }
}
