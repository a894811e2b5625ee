package io.telops.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.dashboard.HeadlessChromium;
import io.telops.dashboard.Phones;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Headless Chromium on the overview: times read relative in the browser's zone with the full time on hover, the
 * navigation marks the page, and every page fits a phone-sized screen without sideways scrolling.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class OverviewBrowserTest {
    private static final List<String> PAGES = List.of("", "phones", "call-forward", "devices", "trunks", "balances", "feed");

    // the innermost elements that end right of the screen, to name the culprit
    private static final String WIDE = """
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
              .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
              .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');""";

    @TestHTTPResource("/")
    URL base;

    HeadlessChromium chromium;
    WebDriver browser;

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

    @Test
    void attentionTimesReadRelativeWithTheFullLocalTimeOnHover() throws IOException {
        String quiet = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // offline since about an hour: received 3 h ago, offline after 2 h
            producer.publishReceivedAt(Phones.lineRegistered(quiet, Phones.now(), 1, "7301@pbx"),
                    Phones.now().minus(Duration.ofHours(3)));
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attentionLinks()).contains("/phones/" + quiet));
        chromium.signIn(base.toString());
        assertThat(browser.getTitle()).isEqualTo("Overview · Telops");
        assertThat(browser.findElement(By.cssSelector("nav.sections a[aria-current=page]")).getText()).isEqualTo("Overview");
        WebElement item = browser.findElement(By.xpath("//li[a[@href='/phones/" + quiet + "']]"));
        WebElement time = item.findElement(By.tagName("time"));
        assertThat(time.getText()).isEqualTo("1 hour ago");
        // the hover: the browser's full local time, not the ISO text the server sent
        assertThat(time.getAttribute("title")).contains(time.getAttribute("datetime").substring(0, 4))
                .isNotEqualTo(time.getAttribute("datetime")).doesNotContain("Z");
        chromium.screenshot("overview.png");
    }

    @Test
    void everyPageFitsAPhoneSizedScreen() throws IOException {
        chromium.signIn(base.toString());
        ((ChromiumDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 740, "deviceScaleFactor", 2, "mobile", false));
        for (String page : PAGES) {
            browser.get(base + page);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue()).isEqualTo(375);
            long overflow = ((Number) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
            assertThat(overflow).as("sideways scrolling on /%s, wider than the screen: %s", page, js.executeScript(WIDE))
                    .isLessThanOrEqualTo(0);
        }
        browser.get(base.toString());
        chromium.screenshot("overview-phone-sized.png");
    }
}
