package io.telops.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.contracts.billing.BalanceLow;
import io.telops.contracts.billing.BalanceRecovered;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.dashboard.BrowserTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.dashboard.Phones;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/**
 * Headless Chromium on the overview: times read relative in the browser's zone with the full time on hover, the
 * navigation marks the page, and every page fits a phone-sized screen without sideways scrolling.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class OverviewBrowserTest extends BrowserTest {
    private static final List<String> PAGES = List.of("", "phones", "call-forward", "devices", "trunks", "balances", "charts", "feed");

    // the innermost elements that end right of the screen, to name the culprit
    private static final String WIDE = """
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
              .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
              .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');""";

    @Test
    void attentionTimesReadRelativeWithTheFullLocalTimeOnHover() throws IOException {
        String quiet = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // offline since about an hour: received 3 h ago, offline after 2 h
            producer.publishReceivedAt(Phones.lineRegistered(quiet, Phones.now(), 1, "7301@pbx"),
                    Phones.now().minus(Duration.ofHours(3)));
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attentionLinks()).contains("/phones/" + quiet));
        signIn();
        assertThat(browser.getTitle()).isEqualTo("Overview · Telops");
        assertThat(browser.findElement(By.cssSelector("nav.sections a[aria-current=page]")).getText()).isEqualTo("Overview");
        WebElement item = browser.findElement(By.xpath("//li[a[@href='/phones/" + quiet + "']]"));
        WebElement time = item.findElement(By.tagName("time"));
        assertThat(time.getText()).isEqualTo("1 hour ago");
        // the hover: the browser's full local time, not the ISO text the server sent
        assertThat(time.getAttribute("title")).contains(time.getAttribute("datetime").substring(0, 4))
                .isNotEqualTo(time.getAttribute("datetime")).doesNotContain("Z");
        chromium.screenshot("overview.png");

        // back: the item is gone
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(quiet, Phones.now(), 1, "7301@pbx"));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attentionLinks()).doesNotContain("/phones/" + quiet));
        browser.navigate().refresh();
        assertThat(browser.findElements(By.xpath("//li[a[@href='/phones/" + quiet + "']]"))).isEmpty();
    }

    @Test
    void aLowBalanceIsListedUntilTheAccountRecovers() throws IOException {
        long account = ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 50);
        Instant t = Phones.now().minusSeconds(120);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            OverviewTest.billing(producer, account, new BalanceLow(account, "browser-low", 120, 1000, "EUR", t, Optional.of(3L)));
        }
        String link = "/balances#account-" + account;
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attentionLinks()).contains(link));
        signIn();
        WebElement item = browser.findElement(By.cssSelector("li.attention-balance-low a[href='" + link + "']"));
        assertThat(item.getText()).isEqualTo("Account " + account + " (browser-low)");
        chromium.screenshot("overview-balance-low.png");
        item.click();
        chromium.liveWait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith(link));
        // textContent: the badge is styled in capitals
        assertThat(browser.findElement(By.cssSelector("#account-" + account + " .badge.low")).getAttribute("textContent"))
                .isEqualTo("below 10.00 EUR");

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            OverviewTest.billing(producer, account, new BalanceRecovered(account, "browser-low", 5120, 1000, "EUR", t.plusSeconds(60),
                    Optional.of(4L)));
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attentionLinks()).doesNotContain(link));
        browser.get(base.toString());
        assertThat(browser.findElements(By.cssSelector("li.attention-balance-low a[href='" + link + "']"))).isEmpty();
    }

    @Test
    void everyPageHasItsOwnTitleAndAScreenshot() throws IOException {
        String mac = Phones.randomMac();
        String device = String.format("805EC1%06X", ThreadLocalRandom.current().nextInt(1 << 24));
        String trunk = "titles-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "line-titles-" + UUID.randomUUID();
        Instant t = Phones.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(Phones.lineRegistered(mac, t, 1, "7310@pbx"));
            send(producer, Topics.PROVISIONING_EVENTS, device, ProvisioningEventTypes.CONFIG_FETCHED.type(), t,
                    new ConfigFetched(device, device.toLowerCase() + ".cfg", "10.9.9.9", Optional.empty(), "ui/yealink/t4x/t46s", 1, "served", t));
            send(producer, Topics.VATS_TRUNKS, trunk, VatsEventTypes.TRUNK_CHANGED.type(), t, new TrunkChanged(trunk, "ent-titles", "run-t",
                    TrunkChangeOrigin.SYNC, Optional.empty(), t, List.of(TrunkChange.APPEARED), Optional.empty(),
                    Optional.of(new TrunkState("74950000009", Optional.of("Titles"), true, false, true, false, true))));
            send(producer, Topics.CALL_EVENTS, line, CallForwardEventTypes.CALL_RECEIVED.type(), t,
                    new CallReceived(UUID.randomUUID().toString(), Optional.of(line), "+4930123", "14155550100", "forward", t));
        }
        Eventually.within(Duration.ofSeconds(20), () -> {
            TestUsers.operator().get("/api/phones/" + mac).then().statusCode(200);
            TestUsers.operator().get("/api/devices/" + device).then().statusCode(200);
            TestUsers.operator().get("/api/trunks/" + trunk).then().statusCode(200);
            TestUsers.operator().get("/api/call-forward/lines/" + line).then().statusCode(200);
        });
        // page -> the name of its screenshot
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("", "overview");
        pages.put("phones", "phones");
        pages.put("phones/" + mac, "phone");
        pages.put("call-forward", "call-forward");
        pages.put("call-forward/lines/" + line, "call-forward-line");
        pages.put("devices", "devices");
        pages.put("devices/" + device, "device");
        pages.put("trunks", "trunks");
        pages.put("trunks/" + trunk, "trunk");
        pages.put("balances", "balances");
        pages.put("charts", "charts");
        pages.put("feed", "feed");
        signIn();
        Map<String, String> titles = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.get(base + page.getKey());
            titles.put(page.getKey(), browser.getTitle());
            chromium.screenshot("page-" + page.getValue() + ".png");
        }
        assertThat(titles.values()).as("titles %s", titles).doesNotHaveDuplicates().allMatch(title -> title.endsWith("· Telops"));
        assertThat(titles.get("phones/" + mac)).contains(mac.substring(0, 2));
        assertThat(titles.get("trunks/" + trunk)).contains(trunk);
        browser.get(base + "logout");
        browser.get(base + "login");
        assertThat(browser.getTitle()).isNotBlank().isNotIn(titles.values());
        chromium.screenshot("page-login.png");
    }

    private static void send(CloudEventProducer producer, String topic, String key, String type, Instant time, Object body) {
        producer.send(topic, key, CloudEventProducer.headers(UUID.randomUUID().toString(), type, time), CloudEventProducer.json(body));
    }

    @Test
    void everyPageFitsAPhoneSizedScreen() throws IOException {
        signIn();
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
