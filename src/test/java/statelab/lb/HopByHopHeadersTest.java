package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void the_fixed_hop_by_hop_headers_are_dropped_and_end_to_end_ones_kept() {
        for (HttpHeader hop : new HttpHeader[] {HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE, HttpHeader.PROXY_AUTHORIZATION,
                HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.TE,
                HttpHeader.TRAILER, HttpHeader.UPGRADE}) {
            assertThat(HopByHopHeaders.drop(new HttpField(hop, "x"), Set.of())).as(hop.asString()).isTrue();
        }
        for (HttpHeader endToEnd : new HttpHeader[] {HttpHeader.COOKIE, HttpHeader.SET_COOKIE, HttpHeader.CONTENT_TYPE,
                HttpHeader.CONTENT_LENGTH, HttpHeader.USER_AGENT, HttpHeader.VIA}) {
            assertThat(HopByHopHeaders.drop(new HttpField(endToEnd, "x"), Set.of())).as(endToEnd.asString()).isFalse();
        }
    }

    @Test
    void headers_a_connection_line_names_are_dropped_whatever_their_case() {
        HttpFields fields = HttpFields.build().add("Connection", "keep-alive, X-Secret").add("connection", " x-other ")
                .add("X-Secret", "1").add("X-Kept", "2");

        Set<String> named = HopByHopHeaders.namedByConnection(fields);

        assertThat(named).containsExactlyInAnyOrder("x-secret", "x-other");
        assertThat(HopByHopHeaders.drop(new HttpField("X-SECRET", "1"), named)).isTrue();
        assertThat(HopByHopHeaders.drop(new HttpField("X-Other", "1"), named)).isTrue();
        assertThat(HopByHopHeaders.drop(new HttpField("X-Kept", "2"), named)).isFalse();
    }

    @Test
    void a_message_without_a_connection_line_names_nothing() {
        assertThat(HopByHopHeaders.namedByConnection(HttpFields.build().add("Cookie", "a=b"))).isEmpty();
        assertThat(HopByHopHeaders.namedByConnection(HttpFields.build().add("Connection", "close"))).isEmpty();
    }
}
