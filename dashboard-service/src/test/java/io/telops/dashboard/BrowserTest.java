package io.telops.dashboard;

import java.io.IOException;
import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every browser test starts from: the application's base URL and a fresh headless Chromium per test
 * ({@link HeadlessChromium}), closed after it. Subclasses are {@code @QuarkusTest}s with the Kafka and PostgreSQL
 * test resources.
 */
public abstract class BrowserTest {
    @TestHTTPResource("/")
    protected URL base;

    protected HeadlessChromium chromium;
    protected WebDriver browser;

    @BeforeEach
    void startChromium() {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Signs in through the login form and lands on the overview. */
    protected void signIn() {
        chromium.signIn(base.toString());
    }
}
