package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.web.ApiClient.cluster;
import static statelab.web.LessonPage.waitUp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The lesson as a learner meets it, in a real headless Chromium on a real lab: predictions scored
 * against the servers' real answers, part 4's steps, Redis as the new single point of failure with
 * its persistence off and on, controls that follow the lab, axe-core at two widths, the keyboard.
 */
class LessonPageIT {
    private static final List<String> ALL = List.of("in-memory", "sticky", "redis", "jwt");

    @RegisterExtension
    static final BrowserFixture fixture = new BrowserFixture();
    private LessonPage page;

    @BeforeEach
    void open_the_page_on_a_reset_lab() {
        fixture.resetLab();
        page = new LessonPage(fixture.browser(), fixture.web().uri().toString());
        page.open();
    }

    @Test
    void predictions_are_scored_right_and_wrong_against_what_the_servers_really_answered() {
        page.stage("playground");
        page.sendNext();
        page.expectPrediction(ALL);

        page.predict(Map.of("in-memory", "failure", "sticky", "failure", "redis", "success", "jwt", "failure"));

        JsonNode state = fixture.api().get("api/state").json();
        Map<String, Boolean> revealed = page.revealed();
        Map<String, String> guesses = Map.of("in-memory", "failure", "sticky", "failure", "redis", "success", "jwt", "failure");
        for (String strategy : ALL) {
            String actual = cluster(state, strategy).at("/last/outcome").asText();
            assertThat(revealed.get(strategy)).as("%s answered %s", strategy, actual).isEqualTo(actual.equals(guesses.get(strategy)));
        }
        assertThat(revealed).containsEntry("in-memory", true).containsEntry("sticky", false)
                .containsEntry("redis", true).containsEntry("jwt", false);
        assertThat(page.text("#predict .predict-tally")).isEqualTo("2 of 4 right.");
        assertThat(page.textContent("#score-line")).isEqualTo("Predictions: 2 / 4 · quiz: 0 / 5");
        assertThat(page.textContent("#predict [data-strategy='in-memory'] .predict-why")).contains("S2 had never seen this session");
    }

    @Test
    void the_page_s_pure_modules_pass_their_unit_tests_in_the_browser() {
        page.driver().get(fixture.web().uri().resolve("js-tests/index.html").toString());
        waitUp().until(() -> page.driver().executeScript("return window.jsTestResults !== undefined").equals(Boolean.TRUE));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) page.driver().executeScript("return window.jsTestResults");

        assertThat(results).as("unit tests of state-merge, words, verdict and score").hasSizeGreaterThanOrEqualTo(13);
        assertThat(results).allSatisfy(r -> assertThat(r.get("ok")).as("%s: %s", r.get("name"), r.get("message")).isEqualTo(Boolean.TRUE));
    }

    @Test
    void a_skipped_prediction_sends_at_once_and_scores_nothing() {
        page.stage("playground");
        page.sendNext();
        page.sendNext();

        assertThat(page.counters("in-memory")).containsExactly(1, 1);
        assertThat(page.textContent("#score-line")).isEqualTo("Predictions: none made yet · quiz: 0 / 5");
        assertThat(page.visible("#predict")).isFalse();
    }

    @Test
    void redis_stopped_and_started_loses_every_session_with_persistence_off_and_keeps_them_with_it_on() {
        page.stage("redis");
        page.sendNext();
        page.sendNext();
        page.click("#redis-stop");
        page.predictOne("redis", "failure");
        assertThat(page.revealed()).containsEntry("redis", true);
        assertThat(cluster(fixture.api().get("api/state").json(), "redis").at("/last/kind").asText()).isEqualTo("store-down");
        page.click("#redis-start");
        page.predictOne("redis", "failure");

        JsonNode lost = fixture.api().get("api/state").json();
        assertThat(cluster(lost, "redis").at("/last/kind").asText()).as("the session after a restart without persistence").isEqualTo("not-recognised");
        assertThat(page.revealed()).containsEntry("redis", true);
        assertThat(page.textContent("#predict .predict-why")).contains("came back empty");

        page.click("#stage-begin");
        waitUp().until(() -> page.sent() == 0 && page.idle());
        page.click("#redis-persistence");
        waitUp().until(() -> "true".equals(page.attr("#redis-persistence", "aria-pressed")) && page.idle());
        assertThat(fixture.api().get("api/state").json().at("/redis/persistence").asBoolean()).isTrue();
        page.sendNext();
        page.sendNext();
        page.click("#redis-stop");
        page.sendNext();
        page.click("#redis-start");
        page.predictOne("redis", "success");

        JsonNode kept = fixture.api().get("api/state").json();
        assertThat(cluster(kept, "redis").at("/last/outcome").asText()).as("the session after a restart with persistence").isEqualTo("success");
        assertThat(kept.at("/redis/sessionKeys").asInt()).isEqualTo(1);
        assertThat(page.revealed()).containsEntry("redis", true);
        assertThat(page.textContent("#predict .predict-why")).contains("append-only file");
    }

    @Test
    void with_the_deny_list_on_the_jwt_column_is_drawn_linked_to_redis_and_fails_closed_while_it_is_down() {
        page.stage("jwt");
        page.sendNext();
        page.click("#lab-jwt-revocation");
        waitUp().until(() -> "true".equals(page.attr("#lab-jwt-revocation", "aria-pressed")) && page.idle());
        assertThat(page.text("[data-strategy='jwt'] .store.deny-list")).contains("Redis").contains("asked on every request");
        page.click("#redis-stop");
        page.predictOne("jwt", "failure");

        assertThat(cluster(fixture.api().get("api/state").json(), "jwt").at("/last/kind").asText()).isEqualTo("store-down");
        assertThat(page.text("[data-strategy='jwt'] .store.deny-list")).contains("fails closed");
        assertThat(page.textContent("#predict .predict-why")).contains("fail closed");
        page.click("#redis-start");
        waitUp().until(page::idle);
    }

    @Test
    void controls_follow_the_lab_and_reset_returns_to_the_start() {
        page.stage("playground");
        assertThat(page.enabled("#kill-s1")).isTrue();
        assertThat(page.enabled("#restart-s1")).as("restart while S1 is up").isFalse();
        assertThat(page.enabled("#redis-start")).as("start while Redis runs").isFalse();

        page.click("#kill-s1");
        waitUp().until(() -> !page.enabled("#kill-s1") && page.enabled("#restart-s1"));
        page.click("#redis-stop");
        waitUp().until(() -> page.enabled("#redis-start") && !page.enabled("#redis-stop"));
        assertThat(page.enabled("#redis-persistence")).as("persistence while Redis is stopped").isFalse();
        page.click("#lab-jwt-revocation");
        waitUp().until(() -> "true".equals(page.attr("#lab-jwt-revocation", "aria-pressed")) && page.idle());
        page.sendNext();
        page.click("#add-node");
        waitUp().until(() -> page.visible("[data-strategy='redis'] [data-node='S4']") && page.idle());

        page.click("#reset-lab");
        waitUp().until(() -> page.sent() == 0 && page.idle() && page.enabled("#kill-s1"));

        JsonNode state = fixture.api().get("api/state").json();
        assertThat(page.enabled("#restart-s1")).isFalse();
        assertThat(page.enabled("#redis-stop")).isTrue();
        assertThat(state.get("jwtRevocation").asBoolean()).as("the deny-list as the lab started").isFalse();
        assertThat(state.at("/redis/persistence").asBoolean()).isFalse();
        assertThat(state.at("/redis/sessionKeys").asInt()).isZero();
        assertThat(page.attr("#lab-jwt-revocation", "aria-pressed")).isEqualTo("false");
        for (String strategy : ALL) {
            assertThat(page.counters(strategy)).containsExactly(0, 0);
            assertThat(cluster(state, strategy).get("nodes")).hasSize(3).allMatch(n -> n.get("up").asBoolean());
        }
        assertThat(page.textContent("[data-strategy='redis'] .last-outcome")).isEqualTo("no request yet");
        waitUp().until(() -> page.driver().findElements(By.cssSelector("[data-strategy='redis'] [data-node]")).size() == 3);
    }

    @Test
    void after_the_lesson_s_eight_requests_the_page_says_so_and_suggests_the_next_experiment() {
        page.stage("playground");
        for (int i = 0; i < 4; i++) {
            page.sendNext();
        }
        page.click("#kill-s1");
        waitUp().until(() -> page.enabled("#restart-s1") && page.idle());
        for (int i = 0; i < 4; i++) {
            page.sendNext();
        }

        assertThat(page.counters("in-memory")).containsExactly(2, 6);
        assertThat(page.counters("sticky")).containsExactly(4, 4);
        assertThat(page.counters("redis")).containsExactly(8, 0);
        assertThat(page.counters("jwt")).containsExactly(8, 0);
        assertThat(page.text("#walk-note")).contains("eight requests").contains("Stop Redis");
        String log = page.text("#event-log");
        assertThat(log).contains("server crashed").doesNotContain("not-recognised").doesNotContain("node-killed");
        assertThat(page.text("[data-strategy='in-memory'] .verdict")).doesNotContain("not-recognised").doesNotContain(" x6");
    }

    @Test
    void a_fresh_page_counts_no_redis_session_of_the_lab_s_own_measurements_or_demo() {
        waitUp().until(() -> !page.textContent("#compare-redis-session").equals("not measured yet"));
        page.click("#compare-run");
        waitUp().until(() -> page.enabled("#compare-run") && page.textContent("#compare-meta").startsWith("Measured"));

        page.click("#revocation-run");
        waitUp().until(() -> page.text("#revocation-redis").contains("rejected"));

        assertThat(fixture.api().get("api/state").json().at("/redis/sessionKeys").asInt()).isZero();
        waitUp().until(() -> page.textContent("#live-redis-keys").equals("0 session keys"));
        assertThat(page.textContent("#compare-meta")).contains("median of 200").contains("warm").contains("5 runs");
        assertThat(page.textContent("#compare-redis-runs")).contains("ranged");
        assertThat(page.textContent("#compare-jwt-first")).matches("[0-9.]+");
        assertThat(page.textContent("#compare-bytes-note")).contains(page.textContent("#compare-redis-bytes") + " bytes");
    }

    @Test
    void axe_finds_nothing_serious_at_1280_and_390_before_and_after_driving_the_lab() throws IOException {
        List<LessonPage.Violation> before1280 = page.axe(1280);
        List<LessonPage.Violation> before390 = page.axe(390);

        page.stage("playground");
        page.sendNext();
        page.expectPrediction(ALL);
        page.predict(Map.of("in-memory", "failure", "sticky", "success", "redis", "success", "jwt", "success"));
        page.click("#kill-s1");
        waitUp().until(page::idle);
        page.sendNext();
        page.driver().findElements(By.cssSelector(".wire summary")).forEach(WebElement::click);
        page.click("#revocation-run");
        waitUp().until(() -> page.text("#revocation-jwt").contains("accepted"));
        page.click(".quiz-option[data-correct=false]");
        page.click(".state-table .guess[data-verdict='ok']");
        List<LessonPage.Violation> after1280 = page.axe(1280);
        List<LessonPage.Violation> after390 = page.axe(390);

        System.out.printf("axe-core, all impacts: before %d/%d, after %d/%d (1280/390 px)%n",
                before1280.size(), before390.size(), after1280.size(), after390.size());
        List.of(before1280, before390, after1280, after390).forEach(list -> list.forEach(v -> System.out.println("  axe: " + v)));
        assertThat(LessonPage.serious(before1280)).as("before, 1280 px").isEmpty();
        assertThat(LessonPage.serious(before390)).as("before, 390 px").isEmpty();
        assertThat(LessonPage.serious(after1280)).as("after, 1280 px").isEmpty();
        assertThat(LessonPage.serious(after390)).as("after, 390 px").isEmpty();
    }

    @Test
    void at_390_px_send_stays_in_reach_of_the_columns_and_nothing_shows_through_the_nav() {
        page.stage("playground");
        fixture.browser().emulateWidth(390);
        try {
            for (String strategy : ALL) {
                page.driver().executeScript("document.querySelector(\"[data-strategy='" + strategy + "'] .verdict\").scrollIntoView({block: 'end'})");
                @SuppressWarnings("unchecked")
                Map<String, Object> at = (Map<String, Object>) page.driver().executeScript("""
                        const send = document.getElementById('send-next').getBoundingClientRect();
                        const nav = document.querySelector('nav.toc');
                        return {top: send.top, bottom: send.bottom, navBottom: nav.getBoundingClientRect().bottom,
                                height: window.innerHeight, navBackground: getComputedStyle(nav).backgroundColor,
                                barBackground: getComputedStyle(document.querySelector('.lab-bar')).backgroundColor};
                        """);
                double top = ((Number) at.get("top")).doubleValue();
                assertThat(top).as("send, beside the %s column, below the nav", strategy)
                        .isGreaterThanOrEqualTo(((Number) at.get("navBottom")).doubleValue() - 1);
                assertThat(((Number) at.get("bottom")).doubleValue()).as("send on screen").isLessThanOrEqualTo(((Number) at.get("height")).doubleValue());
                assertThat(at.get("navBackground")).as("an opaque nav").isEqualTo("rgb(255, 255, 255)");
                assertThat(at.get("barBackground")).as("an opaque control bar").isEqualTo("rgb(255, 255, 255)");
            }
        } finally {
            fixture.browser().fullWidth();
        }
    }

    @Test
    void the_steps_and_a_prediction_work_from_the_keyboard_alone() {
        WebElement tab = page.driver().findElement(By.cssSelector(".stage-tab[data-stage='two-servers']"));
        tabTo(tab);
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        waitUp().until(() -> "two-servers".equals(page.attr("#lab", "data-stage")) && page.idle()
                && "false".equals(page.attr("[data-strategy='in-memory'] [data-node='S3']", "data-up")));

        tabTo(page.driver().findElement(By.id("send-next")));
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        waitUp().until(() -> page.sent() == 1 && page.idle());
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        waitUp().until(() -> "asking".equals(page.attr("#predict", "data-state")));
        WebElement first = page.driver().switchTo().activeElement();
        assertThat(first.getDomAttribute("name")).as("focus moves to the question").isEqualTo("guess-in-memory");
        new Actions(page.driver()).sendKeys(Keys.ARROW_DOWN).perform();
        tabTo(page.driver().findElement(By.id("predict-lock")));
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        waitUp().until(() -> "revealed".equals(page.attr("#predict", "data-state")) && page.idle());

        assertThat(page.revealed()).containsEntry("in-memory", true);
        assertThat(page.driver().switchTo().activeElement().getDomAttribute("id")).as("focus back on send").isEqualTo("send-next");

        page.driver().executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        tabTo(page.driver().findElement(By.cssSelector(".state-table .guess")));
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        assertThat(page.driver().findElements(By.cssSelector(".state-table tr.pending"))).hasSize(5);
    }

    @Test
    void a_learner_does_every_step_of_the_lesson_and_it_is_timed() throws IOException {
        long start = System.nanoTime();
        page.screenshots("lesson-00-start");
        for (WebElement row : page.driver().findElements(By.cssSelector(".state-table tbody tr"))) {
            String answer = row.findElement(By.cssSelector(".badge")).getDomAttribute("class").replace("badge", "").trim();
            WebElement guess = row.findElement(By.cssSelector(".guess[data-verdict='" + answer + "']"));
            page.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", guess);
            guess.click();
        }
        assertThat(page.textContent("#score-line")).startsWith("Predictions: 6 / 6");

        page.click("#stage-begin");
        waitUp().until(() -> "false".equals(page.attr("[data-strategy='in-memory'] [data-node='S3']", "data-up")) && page.idle());
        for (int i = 0; i < 4; i++) {
            page.sendNext();
        }
        assertThat(page.counters("in-memory")).containsExactly(4, 0);
        assertThat(page.visible("[data-strategy='sticky']")).isFalse();
        page.screenshots("lesson-01-one-server");

        page.nextStage("two-servers");
        page.sendNext();
        page.predictOne("in-memory", "failure");
        assertThat(page.revealed()).containsEntry("in-memory", true);
        page.screenshots("lesson-02-two-servers");
        page.sendNext();
        page.sendNext();

        page.nextStage("sticky");
        page.sendNext();
        page.predictOne("sticky", "success");
        page.sendNext();
        page.sendNext();
        page.click("#kill-s1");
        page.predictOne("sticky", "failure");
        assertThat(page.revealed()).containsEntry("sticky", true);
        page.screenshots("lesson-03-sticky");
        page.click("#restart-s1");
        waitUp().until(page::idle);

        page.nextStage("redis");
        page.sendNext();
        page.sendNext();
        page.click("#kill-s1");
        page.predictOne("redis", "success");
        page.click("#redis-stop");
        page.predictOne("redis", "failure");
        page.screenshots("lesson-04-redis-stopped");
        page.click("#redis-start");
        page.predictOne("redis", "failure");
        page.click("#stage-begin");
        waitUp().until(() -> page.sent() == 0 && page.idle());
        page.click("#redis-persistence");
        waitUp().until(() -> "true".equals(page.attr("#redis-persistence", "aria-pressed")) && page.idle());
        page.sendNext();
        page.click("#redis-stop");
        page.sendNext();
        page.click("#redis-start");
        page.predictOne("redis", "success");
        assertThat(page.revealed()).containsEntry("redis", true);
        page.screenshots("lesson-04-redis-persistent");

        page.nextStage("jwt");
        page.sendNext();
        page.sendNext();
        page.click("#kill-s1");
        page.predictOne("jwt", "success");
        page.click("#redis-stop");
        page.predictOne("jwt", "success");
        page.click("#lab-jwt-revocation");
        waitUp().until(() -> "true".equals(page.attr("#lab-jwt-revocation", "aria-pressed")) && page.idle());
        page.sendNext();
        assertThat(cluster(fixture.api().get("api/state").json(), "jwt").at("/last/kind").asText()).isEqualTo("store-down");
        page.screenshots("lesson-05-jwt-fails-closed");
        page.click("#redis-start");
        waitUp().until(page::idle);

        page.nextStage("playground");
        page.sendNext();
        page.expectPrediction(ALL);
        page.predict(Map.of("in-memory", "failure", "sticky", "success", "redis", "success", "jwt", "success"));
        page.sendNext();
        page.sendNext();
        page.click("#kill-s1");
        page.expectPrediction(ALL);
        page.predict(Map.of("in-memory", "failure", "sticky", "failure", "redis", "success", "jwt", "success"));
        for (int i = 0; i < 3; i++) {
            page.sendNext();
        }
        assertThat(page.counters("in-memory")).containsExactly(2, 6);
        assertThat(page.counters("sticky")).containsExactly(4, 4);
        page.screenshots("lesson-06-playground");

        page.click("#compare-run");
        waitUp().until(() -> page.enabled("#compare-run") && page.textContent("#compare-meta").startsWith("Measured"));
        page.click("#revocation-run");
        waitUp().until(() -> page.text("#revocation-jwt").contains("accepted"));
        page.screenshotsOf("lesson-08-figures", "#compare");
        page.screenshotsOf("lesson-02-state-table", "#state");
        for (int question = 1; question <= 4; question++) {
            page.click(".quiz-option[data-correct=true]");
            page.click("#quiz-next");
        }
        page.click(".quiz-option[data-correct=false]");
        assertThat(page.text("#quiz-feedback .why-chosen")).as("the wrong option's own explanation").contains("signature");
        assertThat(page.text("#quiz-feedback .why-right")).startsWith("The right answer:");
        page.screenshotsOf("lesson-09-quiz-wrong", "#check");
        page.click("#quiz-next");
        Duration lesson = Duration.ofNanos(System.nanoTime() - start);
        page.screenshots("lesson-07-done");

        assertThat(page.text("#quiz-score")).isEqualTo("4 / 5");
        assertThat(page.textContent("#score-line")).isEqualTo("Predictions: 23 / 23 · quiz: 4 / 5");
        assertThat(page.text("#quiz-done-text")).contains("Predictions: 23 / 23");
        String report = String.format("The whole lesson, every step, driven by LessonPageIT: %.1f s (clicks and real requests only, no reading time); %s%n",
                lesson.toMillis() / 1000.0, page.textContent("#score-line"));
        System.out.print(report);
        Files.writeString(LessonPage.SCREENSHOTS.resolve("lesson-duration.txt"), report);
    }

    private void tabTo(WebElement target) {
        for (int presses = 0; presses < 300 && !target.equals(page.driver().switchTo().activeElement()); presses++) {
            new Actions(page.driver()).sendKeys(Keys.TAB).perform();
        }
        assertThat(page.driver().switchTo().activeElement()).as("keyboard focus").isEqualTo(target);
    }
}
