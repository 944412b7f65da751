package statelab.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's ChromeDriver, headless, with a fresh profile; never Selenium
 * Manager, never a download. Where either binary is missing, CI fails (browser tests must run
 * there) and a developer's machine skips with a message saying what to install.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser() throws IOException {
        profile = Files.createTempDirectory("statelab-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** A started browser, or the test is failed (CI) or skipped (elsewhere) when Chromium is not installed. */
    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + "; in CI they must run, not be skipped");
            }
            Assumptions.abort(missing + "; skipped on this machine");
        }
        return new Browser();
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Lays the page out at {@code width} CSS pixels (a phone below 600) until {@link #fullWidth()}. */
    void emulateWidth(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", width < 600 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Back to the window's own size. */
    void fullWidth() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves the whole page, not just the viewport, as it lays out at {@code width} CSS pixels. */
    void screenshot(int width, Path file) throws IOException {
        // from the top, so sticky bars sit where a reader first meets them
        driver.executeScript("window.scrollTo(0, 0)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double height = ((Number) size.get("height")).doubleValue();
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Saves one element (its whole box, beyond the viewport) as it lays out at {@code width} CSS pixels. */
    void screenshotOf(int width, String css, Path file) throws IOException {
        emulateWidth(width);
        driver.executeScript("window.scrollTo(0, 0)");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> box = (Map<String, Object>) driver.executeScript(
                    "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};", css);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", box.get("x"), "y", box.get("y"), "width", box.get("width"), "height", box.get("height"), "scale", 1)));
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } finally {
            fullWidth();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile.toFile());
        }
    }

    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        file.delete();
    }
}
