package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The state labs on the page, in a real headless Chromium on a real lab: every "See it happen" button
 * of part 2 and the rolling restart and scale-out of part 4 run their lab on the live clusters, and
 * what the page draws in place is what {@code GET /api/labs/NAME} answers.
 */
class StateLabsPageIT {
    @RegisterExtension
    static final BrowserFixture fixture = new BrowserFixture();

    @Test
    void every_see_it_happen_button_and_each_part_4_action_shows_what_the_api_answers() {
        ChromeDriver driver = fixture.browser().driver();
        driver.get(fixture.web().uri().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.findElement(By.id("stream-status")).getText().equals("live"));
        driver.findElement(By.cssSelector(".stage-tab[data-stage='playground']")).click();
        List<WebElement> buttons = driver.findElements(By.cssSelector("button[data-state-lab]"));
        assertThat(buttons).extracting(b -> b.getDomAttribute("data-state-lab"))
                .containsExactly("rolling-restart", "lost-update", "cache", "uploads", "rate-limit", "rolling-restart", "scale-out");

        for (WebElement button : buttons) {
            String name = button.getDomAttribute("data-state-lab");
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
            await().atMost(Duration.ofSeconds(30)).until(button::isEnabled);
            String before = fixture.api().get("api/labs/" + name).json().path("startedAt").asText("");
            button.click();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode doc = fixture.api().get("api/labs/" + name).json();
                return !doc.path("startedAt").asText("").equals(before) && doc.path("status").asText().equals("done");
            });
            WebElement shown = resultNextTo(driver, button, name);
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(shown.getDomAttribute("data-status")));

            JsonNode answer = fixture.api().get("api/labs/" + name).json();
            assertThat(answer.get("figures").isEmpty()).as(name).isFalse();
            assertPageShows(shown, answer, name);
        }
        assertThat(fixture.api().get("api/labs/cache").json().get("figures").get("staleReads").get("local").asInt()).isEqualTo(2);
        assertThat(fixture.api().get("api/labs/uploads").json().get("figures").get("found").get("local").asInt()).isEqualTo(1);
        assertThat(fixture.testLab().lab().clusters()).allSatisfy(c -> assertThat(c.nodes()).hasSize(4));
    }

    @Test
    void an_unknown_lab_is_a_404_problem_and_a_get_is_not_a_run() {
        assertThat(fixture.api().post("api/labs/teleport/run").status()).isEqualTo(404);
        assertThat(fixture.api().post("api/labs/teleport/run").json().get("kind").asText()).isEqualTo("not-found");
        assertThat(fixture.api().get("api/labs").json().fieldNames()).toIterable()
                .containsExactly("cache", "uploads", "rate-limit", "lost-update", "rolling-restart", "scale-out");
        assertThat(fixture.api().get("api/labs/cache/run").status()).isEqualTo(405);
    }

    /** The result box of this button: in its own cell for part 2, in part 4's panel for the lab's actions. */
    private static WebElement resultNextTo(ChromeDriver driver, WebElement button, String name) {
        List<WebElement> inCell = button.findElements(By.xpath("./parent::div//*[@data-state-lab-result='" + name + "']"));
        return inCell.isEmpty()
                ? driver.findElement(By.cssSelector(".state-lab-panel [data-state-lab-result='" + name + "']"))
                : inCell.get(0);
    }

    private static void assertPageShows(WebElement shown, JsonNode answer, String name) {
        answer.get("figures").fields().forEachRemaining(figure -> {
            if (figure.getValue().isObject()) {
                figure.getValue().fields().forEachRemaining(key -> {
                    WebElement cell = shown.findElement(By.cssSelector(
                            "td[data-figure='" + figure.getKey() + "'][data-key='" + key.getKey() + "']"));
                    assertThat(cell.getText()).as(name + " " + figure.getKey() + " " + key.getKey())
                            .isEqualTo(key.getValue().asText());
                });
            } else {
                assertThat(shown.findElement(By.cssSelector("[data-figure='" + figure.getKey() + "']")).getText())
                        .as(name + " " + figure.getKey()).isEqualTo(figure.getValue().asText());
            }
        });
        for (Map.Entry<String, JsonNode> verdict : (Iterable<Map.Entry<String, JsonNode>>) answer.get("verdicts")::fields) {
            assertThat(shown.findElement(By.cssSelector("li[data-verdict='" + verdict.getKey() + "']")).getText())
                    .as(name + " verdict " + verdict.getKey()).contains(verdict.getValue().asText());
        }
    }
}
