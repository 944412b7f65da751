package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    private final CookieJar jar = new CookieJar();

    @Test
    void cookies_set_are_sent_back_in_one_header() {
        jar.accept(List.of("sid=abc; Path=/; HttpOnly; SameSite=Lax", "lb=xyz; Path=/"));

        assertThat(jar.header()).isEqualTo("sid=abc; lb=xyz");
    }

    @Test
    void a_later_value_replaces_an_earlier_one() {
        jar.accept(List.of("sid=old; Path=/"));
        jar.accept(List.of("sid=new; Path=/"));

        assertThat(jar.get("sid")).isEqualTo("new");
    }

    @Test
    void max_age_zero_removes_a_cookie() {
        jar.accept(List.of("sid=abc; Path=/", "lb=xyz"));
        jar.accept(List.of("sid=; Max-Age=0; Path=/; HttpOnly"));

        assertThat(jar.header()).isEqualTo("lb=xyz");
    }

    @Test
    void a_header_without_a_name_is_ignored() {
        jar.accept(List.of("=abc", "junk"));

        assertThat(jar.header()).isEmpty();
    }
}
