package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/** The lesson page in a real headless Chromium, driving a real lab. */
class ModulePageIT {
    private static final List<String> STRATEGIES = statelab.lab.ClusterKinds.all().stream().map(statelab.lab.ClusterKind::key).toList();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final BrowserFixture fixture = new BrowserFixture();
    private ChromeDriver driver;

    @BeforeEach
    void open_the_page_on_a_reset_lab() {
        fixture.resetLab();
        driver = fixture.browser().driver();
        driver.get(fixture.web().uri().toString());
        waitUp().until(() -> text("#stream-status").equals("live"));
    }

    @Test
    void the_lesson_runs_end_to_end_walk_crash_revocation_and_quiz() throws IOException {
        click(".stage-tab[data-stage='playground']");
        waitUp().until(() -> "playground".equals(driver.findElement(By.id("lab")).getDomAttribute("data-stage"))
                && !"true".equals(driver.findElement(By.id("lab")).getDomAttribute("aria-busy")));
        for (int step = 1; step <= 4; step++) {
            sendNext(step);
        }
        click("#kill-s1");
        waitUp().until(() -> STRATEGIES.stream().allMatch(s -> "false".equals(node(s, "S1").getDomAttribute("data-up")))
                && driver.findElement(By.cssSelector("#send-next")).isEnabled());
        for (int step = 5; step <= 8; step++) {
            sendNext(step);
        }

        assertThat(counters("in-memory")).containsExactly(2, 6);
        assertThat(counters("sticky")).containsExactly(4, 4);
        assertThat(counters("redis")).containsExactly(8, 0);
        assertThat(counters("jwt")).containsExactly(8, 0);
        s1_is_really_down_while_every_balancer_still_answers();

        click("#revocation-run");
        waitUp().until(() -> text("#revocation-redis").contains("rejected") && text("#revocation-jwt").contains("accepted"));

        for (int question = 1; question <= 5; question++) {
            click(".quiz-option[data-correct=true]");
            click("#quiz-next");
        }
        assertThat(text("#quiz-score")).isEqualTo("5 / 5");
        assertThat(driver.findElement(By.cssSelector("#quiz-done")).isDisplayed()).isTrue();

        fixture.browser().screenshot(1280, SCREENSHOTS.resolve("module-1280.png"));
        fixture.browser().screenshot(390, SCREENSHOTS.resolve("module-390.png"));
        assertThat(SCREENSHOTS.resolve("module-1280.png")).isNotEmptyFile();
        assertThat(Files.size(SCREENSHOTS.resolve("module-390.png"))).isPositive();
    }

    @Test
    void tab_reaches_send_next_and_enter_sends_the_request() {
        WebElement sendNext = driver.findElement(By.cssSelector("#send-next"));
        for (int presses = 0; presses < 200 && !sendNext.equals(driver.switchTo().activeElement()); presses++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement()).as("keyboard focus").isEqualTo(sendNext);

        new Actions(driver).sendKeys(Keys.ENTER).perform();

        waitUp().until(() -> counters("redis").equals(List.of(1, 0)));
        assertThat(counters("in-memory")).containsExactly(1, 0);
    }

    private void s1_is_really_down_while_every_balancer_still_answers() {
        for (JsonNode cluster : fixture.api().get("api/clusters").json()) {
            URI s1 = URI.create(cluster.get("nodes").get(0).get("url").asText());
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(s1.getHost(), s1.getPort()), 2000);
                }
            }).as("a TCP connect to %s's S1 at %s", cluster.get("strategy").asText(), s1).isInstanceOf(ConnectException.class);
            URI lb = URI.create(cluster.get("lb").asText());
            assertThat(new ApiClient(lb).get("/health").status()).as("%s's balancer", lb).isEqualTo(200);
        }
    }

    /** Presses "send next" and waits until the page shows that request's outcome in every column. */
    private void sendNext(int step) {
        click("#send-next");
        // the page may ask for a prediction first (LessonPageIT scores those); this walk skips them
        waitUp().until(() -> driver.findElement(By.cssSelector("#predict")).isDisplayed()
                || STRATEGIES.stream().allMatch(s -> counters(s).stream().mapToInt(Integer::intValue).sum() == step));
        if (driver.findElement(By.cssSelector("#predict")).isDisplayed() && driver.findElement(By.cssSelector("#predict-skip")).isDisplayed()) {
            click("#predict-skip");
        }
        waitUp().until(() -> STRATEGIES.stream().allMatch(s -> counters(s).stream().mapToInt(Integer::intValue).sum() == step)
                && driver.findElement(By.cssSelector("#send-next")).isEnabled());
    }

    private void click(String css) {
        waitUp().until(() -> driver.findElement(By.cssSelector(css)).isEnabled() && driver.findElement(By.cssSelector(css)).isDisplayed());
        WebElement element = driver.findElement(By.cssSelector(css));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private List<Integer> counters(String strategy) {
        WebElement column = driver.findElement(By.cssSelector("[data-strategy='" + strategy + "']"));
        return List.of(Integer.parseInt(column.findElement(By.cssSelector(".success-count")).getDomProperty("textContent").trim()),
                Integer.parseInt(column.findElement(By.cssSelector(".failure-count")).getDomProperty("textContent").trim()));
    }

    private WebElement node(String strategy, String id) {
        return driver.findElement(By.cssSelector("[data-strategy='" + strategy + "'] [data-node='" + id + "']"));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().trim();
    }

    private static ConditionFactory waitUp() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }
}
