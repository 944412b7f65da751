package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.session.SessionIds;

class RedisKeysTest {

    @Test
    void every_key_the_project_writes_lies_under_the_root_so_a_reset_removes_it() {
        assertThat(RedisKeys.namespaces()).allSatisfy(prefix -> assertThat(prefix).startsWith(RedisKeys.ROOT));
        assertThat(List.of(RedisKeys.session(SessionIds.next()), RedisKeys.userSessions("alice"),
                RedisKeys.loginFailures("alice"), RedisKeys.revokedToken("jti"), RedisKeys.revokedBefore("alice"),
                RedisKeys.avatar("alice"), RedisKeys.bench("x"), RedisKeys.PRICE, RedisKeys.PRICE_CACHE))
                .allSatisfy(key -> assertThat(key).startsWith(RedisKeys.ALL.replace("*", "")));
    }

    @Test
    void no_namespace_is_the_start_of_another_so_no_pattern_catches_a_neighbour() {
        List<String> all = RedisKeys.namespaces();
        for (String a : all) {
            for (String b : all) {
                if (!a.equals(b)) {
                    assertThat(b).as("%s starts with %s", b, a).doesNotStartWith(a);
                }
            }
        }
    }

    @Test
    void a_session_key_holds_the_digest_of_the_id_never_the_id() {
        String id = SessionIds.next();

        String key = RedisKeys.session(id);

        assertThat(key).isEqualTo(RedisKeys.SESSION + SessionIds.digest(id)).doesNotContain(id);
        assertThat(RedisKeys.sessionByDigest(SessionIds.digest(id))).isEqualTo(key);
    }

    @Test
    void the_session_pattern_matches_session_keys_and_not_the_users_index() {
        String prefix = RedisKeys.SESSIONS.substring(0, RedisKeys.SESSIONS.length() - 1);

        assertThat(RedisKeys.SESSIONS).endsWith("*");
        assertThat(RedisKeys.session(SessionIds.next())).startsWith(prefix);
        assertThat(RedisKeys.userSessions("alice")).doesNotStartWith(prefix);
    }

    @Test
    void a_user_name_is_kept_as_it_is_colons_included() {
        assertThat(RedisKeys.userSessions("a:b")).isEqualTo("statelab:user-sessions:a:b");
        assertThat(RedisKeys.loginFailures("bob")).isEqualTo("statelab:login-failures:bob");
    }

    @Test
    void a_missing_part_is_refused() {
        assertThatThrownBy(() -> RedisKeys.avatar(null)).isInstanceOf(NullPointerException.class);
    }
}
