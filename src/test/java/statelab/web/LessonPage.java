package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The lesson page as a learner drives it, for the browser tests: steps, predictions, the lab's
 * buttons, and axe-core's verdict on the page as it stands. Every wait is a condition (Awaitility).
 */
final class LessonPage {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An axe-core finding: a rule, how bad, and where. */
    record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + targets;
        }
    }

    private final Browser browser;
    private final ChromeDriver driver;
    private final String url;
    private String axeSource;

    LessonPage(Browser browser, String url) {
        this.browser = browser;
        this.driver = browser.driver();
        this.url = url;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the page fresh and waits for the live stream. */
    void open() {
        driver.get(url);
        waitUp().until(() -> text("#stream-status").equals("live") && enabled("#send-next"));
    }

    /** Chooses a step of part 4 and waits until the lab is set up for it. */
    void stage(String id) {
        // the click sets the page busy at once, so idle afterwards means the step's set-up is done
        click(".stage-tab[data-stage='" + id + "']");
        waitUp().until(this::idle);
        assertThat(driver.findElement(By.id("lab")).getDomAttribute("data-stage")).isEqualTo(id);
    }

    /** Presses "send next"; when a prediction is asked, skips it. Waits for the request's outcome. */
    void sendNext() {
        int before = sent();
        click("#send-next");
        waitUp().until(() -> sent() > before || visible("#predict") && "asking".equals(attr("#predict", "data-state")));
        if (sent() == before) {
            click("#predict-skip");
            waitUp().until(() -> sent() > before);
        }
        waitUp().until(this::idle);
    }

    /** Presses "send next" and expects a prediction to be asked about exactly these columns. */
    void expectPrediction(List<String> columns) {
        click("#send-next");
        waitUp().until(() -> visible("#predict") && "asking".equals(attr("#predict", "data-state")));
        List<String> asked = driver.findElements(By.cssSelector("#predict .predict-column")).stream()
                .map(f -> f.getDomAttribute("data-strategy")).toList();
        assertThat(asked).isEqualTo(columns);
    }

    /** Answers the open prediction ("success" or "failure" per column), locks it and waits for the reveal. */
    void predict(Map<String, String> guesses) {
        int before = sent();
        guesses.forEach((strategy, guess) -> click("#predict input[name='guess-" + strategy + "'][value='" + guess + "']"));
        click("#predict-lock");
        waitUp().until(() -> sent() > before && "revealed".equals(attr("#predict", "data-state")) && idle());
    }

    /** Presses "send next", expects a prediction about this one column, and answers it with {@code guess}. */
    void predictOne(String strategy, String guess) {
        expectPrediction(List.of(strategy));
        predict(Map.of(strategy, guess));
    }

    /** Presses "next" and waits until the lab shows this stage, fresh (nothing sent yet) and idle. */
    void nextStage(String stage) {
        click("#stage-next");
        waitUp().until(() -> stage.equals(attr("#lab", "data-stage")) && sent() == 0 && idle());
    }

    /** Each revealed column: strategy to whether the guess was right. */
    Map<String, Boolean> revealed() {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (WebElement li : driver.findElements(By.cssSelector("#predict .predict-list li"))) {
            out.put(li.getDomAttribute("data-strategy"), "true".equals(li.getDomAttribute("data-right")));
        }
        return out;
    }

    /** Requests sent in the walk so far, as the page shows it (the next request's number minus one). */
    int sent() {
        String next = textContent("#next-request");
        if (!next.startsWith("#")) {
            return -1;
        }
        return Integer.parseInt(next.substring(1, next.indexOf(' '))) - 1;
    }

    /** How many events of this type the lab's state holds now (read from the page's own API). */
    int count(String type) {
        Object n = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('api/state', {cache: 'no-store'}).then(r => r.json())
                  .then(s => done(s.log.filter(e => e.type === arguments[0]).length)).catch(() => done(-1));
                """, type);
        return ((Number) n).intValue();
    }

    boolean idle() {
        return !"true".equals(attr("#lab", "aria-busy"));
    }

    /** A column's success and failure counts; works while the column is out of sight. */
    List<Integer> counters(String strategy) {
        String base = "[data-strategy='" + strategy + "'] ";
        return List.of(Integer.parseInt(textContent(base + ".success-count")), Integer.parseInt(textContent(base + ".failure-count")));
    }

    void click(String css) {
        waitUp().until(() -> enabled(css) && driver.findElement(By.cssSelector(css)).isDisplayed());
        WebElement element = driver.findElement(By.cssSelector(css));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    boolean enabled(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isEnabled();
    }

    boolean visible(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    String attr(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getDomAttribute(name);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().trim();
    }

    String textContent(String css) {
        return String.valueOf(driver.findElement(By.cssSelector(css)).getDomProperty("textContent")).trim();
    }

    /** Screenshots at 1280 and 390 CSS pixels, named after what they show: the whole page, and part 4 alone. */
    void screenshots(String name) throws IOException {
        browser.screenshot(1280, SCREENSHOTS.resolve(name + "-1280.png"));
        browser.screenshot(390, SCREENSHOTS.resolve(name + "-390.png"));
        browser.screenshotOf(1280, "#lab", SCREENSHOTS.resolve(name + "-lab-1280.png"));
        browser.screenshotOf(390, "#lab", SCREENSHOTS.resolve(name + "-lab-390.png"));
    }

    /** Screenshots of one part of the page at 1280 and 390 CSS pixels. */
    void screenshotsOf(String name, String css) throws IOException {
        browser.screenshotOf(1280, css, SCREENSHOTS.resolve(name + "-1280.png"));
        browser.screenshotOf(390, css, SCREENSHOTS.resolve(name + "-390.png"));
    }

    /** Runs axe-core on the page as it is now, laid out at {@code width}; answers every violation. */
    List<Violation> axe(int width) throws IOException {
        if (axeSource == null) {
            try (InputStream in = LessonPage.class.getResourceAsStream("/axe/axe.min.js")) {
                assertThat(in).as("axe-core on the test class path").isNotNull();
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        browser.emulateWidth(width);
        try {
            ((JavascriptExecutor) driver).executeScript(axeSource);
            Object result = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']})
                      .then(r => done(JSON.stringify(r.violations)))
                      .catch(e => done(JSON.stringify({error: String(e)})));
                    """);
            JsonNode violations = JSON.readTree(String.valueOf(result));
            assertThat(violations.has("error")).as("axe ran: %s", violations).isFalse();
            List<Violation> out = new ArrayList<>();
            for (JsonNode v : violations) {
                List<String> targets = new ArrayList<>();
                v.get("nodes").forEach(n -> targets.add(n.get("target").toString()));
                out.add(new Violation(v.get("id").asText(), v.get("impact").asText(), v.get("help").asText(), targets));
            }
            return out;
        } finally {
            browser.fullWidth();
        }
    }

    /** The serious and critical ones only. */
    static List<Violation> serious(List<Violation> all) {
        return all.stream().filter(v -> v.impact().equals("serious") || v.impact().equals("critical")).toList();
    }

    static ConditionFactory waitUp() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }
}
