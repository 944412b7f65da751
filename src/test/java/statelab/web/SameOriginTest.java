package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void the_page_s_own_origin_is_the_same_origin() {
        assertThat(SameOrigin.matches("http://localhost:8080", "localhost", 8080)).isTrue();
        assertThat(SameOrigin.matches("http://LOCALHOST:8080", "localhost", 8080)).isTrue();
    }

    @Test
    void another_site_another_port_or_an_opaque_origin_is_not() {
        assertThat(SameOrigin.matches("https://evil.example", "localhost", 8080)).isFalse();
        assertThat(SameOrigin.matches("http://localhost:9090", "localhost", 8080)).isFalse();
        assertThat(SameOrigin.matches("null", "localhost", 8080)).isFalse();
        assertThat(SameOrigin.matches("not a uri", "localhost", 8080)).isFalse();
    }

    @Test
    void a_missing_port_is_the_scheme_s_default() {
        assertThat(SameOrigin.matches("http://localhost", "localhost", 80)).isTrue();
        assertThat(SameOrigin.matches("https://localhost", "localhost", 443)).isTrue();
    }
}
