package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.phone.Party;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Debian's Chromium, headless, driven by Selenium: an operator signs in, watches the overview, and a phone
 * event published to Kafka changes a card and adds a new one without a page reload. Fails (never skips)
 * when Chromium is not installed: CI must install the Debian packages chromium and chromium-driver.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class BrowserLiveUpdateTest extends BrowserTest {

    @Test
    void cardsChangeAndAppearLiveWithoutReload() throws IOException {
        String known = Phones.randomMac();
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(known, Phones.now(), 1, "4001@pbx.example.com"));
        Eventually.within(Duration.ofSeconds(20), () -> PhoneReadModelTest.phone(known));

        signIn();
        browser.get(base + "phones");
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        wait.until(d -> "registered".equals(card(known).getAttribute("data-status")));
        chromium.markNotReloaded();

        long published;
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(Phones.offHook(known, Phones.now()));
            producer.flush();
            published = System.nanoTime();
        }
        wait.until(d -> "off-hook".equals(card(known).getAttribute("data-status")));
        long changedAfterMillis = (System.nanoTime() - published) / 1_000_000;
        wait.until(d -> card(known).getText().contains("Off hook"));

        long countedBefore = shownCount();
        String fresh = Phones.randomMac();
        CloudEventProducer.publishToTestBroker(Phones.incoming(fresh, Phones.now(), new Party("Live Caller", "5551234"), new Party("Desk", "4001")));
        wait.until(d -> !d.findElements(By.id("phone-" + fresh)).isEmpty());
        wait.until(d -> card(fresh).getText().contains("Incoming call from Live Caller <5551234>"));
        // the count follows the new card (other tests' phones may arrive too: compare with the read model)
        wait.until(d -> shownCount() > countedBefore && shownCount() == phonesInReadModel());
        assertThat(browser.findElements(By.cssSelector("#cards .card")).size())
                .as("cards on the first page").isLessThanOrEqualTo((int) Math.min(shownCount(), 48));
        chromium.assertNotReloaded();
        chromium.screenshot("phones-live.png");
        System.out.printf("browser saw the card change %d ms after the broker acknowledged the event%n", changedAfterMillis);
        assertThat(changedAfterMillis).as("live update latency").isLessThan(5_000);
    }

    @Test
    void thePhonePageAddsHistoryRowsLive() throws IOException {
        String mac = Phones.randomMac();
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, Phones.now(), 1, "4002@pbx.example.com"));
        Eventually.within(Duration.ofSeconds(20), () -> PhoneReadModelTest.phone(mac));
        signIn();
        browser.get(base + "phones/" + mac);
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        assertThat(historyRows()).hasSize(1);
        chromium.markNotReloaded();
        CloudEventProducer.publishToTestBroker(Phones.offHook(mac, Phones.now()));
        wait.until(d -> historyRows().size() == 2);
        wait.until(d -> historyRows().get(0).getText().contains("Off hook"));
        chromium.assertNotReloaded();
        chromium.screenshot("phone-page-live.png");
    }

    /** Cards are swapped in place while the test looks at them: a stale element means "look again". */
    private WebDriverWait liveWait() {
        return chromium.liveWait(Duration.ofSeconds(10));
    }

    private WebElement card(String mac) {
        return browser.findElement(By.id("phone-" + mac));
    }

    /** The phones page's "N phone(s)". */
    private long shownCount() {
        String text = browser.findElement(By.id("phone-count")).getText();
        assertThat(text).matches("\\d+ phone\\(s\\)");
        return Long.parseLong(text.substring(0, text.indexOf(' ')));
    }

    private static long phonesInReadModel() {
        return TestUsers.operator().get("/api/phones?size=1").then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }

    private List<WebElement> historyRows() {
        return browser.findElements(By.cssSelector("table.history tbody tr"));
    }
}
