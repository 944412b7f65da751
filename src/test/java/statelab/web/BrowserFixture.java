package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import statelab.TestLab;

/**
 * What every page test class stands on, as a JUnit extension: a headless Chromium (started first, so a
 * machine without one skips, or CI fails, before a lab starts), a lab through {@link TestLab}, the
 * page's web server on a free port and an API client to it; all closed after the class's last test.
 * Register it in a static field: {@code @RegisterExtension static final BrowserFixture fixture = new BrowserFixture();}.
 */
final class BrowserFixture implements BeforeAllCallback, AfterAllCallback {
    private Browser browser;
    private TestLab testLab;
    private WebServer web;
    private ApiClient api;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        browser = Browser.start();
        try {
            testLab = TestLab.start();
        } catch (Exception | Error e) {
            browser.close();
            throw e;
        }
        testLab.own(browser);
        web = testLab.own(WebServer.start(testLab.lab(), 0));
        api = testLab.own(new ApiClient(web.uri()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (testLab != null) {
            testLab.close();
            testLab = null;
        }
    }

    Browser browser() {
        return browser;
    }

    TestLab testLab() {
        return testLab;
    }

    WebServer web() {
        return web;
    }

    ApiClient api() {
        return api;
    }

    /** Puts the lab back as it started, through the page's own API (which must answer 200). */
    void resetLab() {
        assertThat(api.post("api/lab/reset").status()).isEqualTo(200);
    }
}
