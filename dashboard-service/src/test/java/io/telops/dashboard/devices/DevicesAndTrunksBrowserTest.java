package io.telops.dashboard.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.contracts.provisioning.DeviceCreated;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.dashboard.BrowserTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/**
 * Debian's Chromium, headless, driven by Selenium, on the devices and trunks views: events published to Kafka change
 * a row's state (and add rows) in open pages without a reload. Fails (never skips) without Chromium: CI installs the
 * Debian packages chromium and chromium-driver. Screenshots in target/screenshots/.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class DevicesAndTrunksBrowserTest extends BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aDeviceRowTurnsProvisionedAndANewDeviceAppearsWithoutReload() throws IOException {
        String mac = DeviceViewTest.randomMac();
        String template = "ui/snom/7xx" + ThreadLocalRandom.current().nextInt(100_000) + "/715";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            DeviceViewTest.publish(producer, new DeviceCreated(mac, "snom", "7xx", "715", Optional.of("hq"), template,
                    Optional.empty(), Optional.empty(), 2, true, false, t));
        }
        Eventually.within(WAIT, () -> assertThat(DeviceViewTest.device(mac).getString("status")).isEqualTo("pending"));

        signIn();
        browser.get(base + "devices");
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        wait.until(d -> "pending".equals(row("device-" + mac).getAttribute("data-status")));
        chromium.markNotReloaded();

        long published;
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            DeviceViewTest.publish(producer, new ConfigFetched(mac, mac.toLowerCase() + ".xml", "10.60.0.15",
                    Optional.of("Mozilla/4.0 (compatible; snom715-SIP 10.1.169.16)"), template, 1, "served", t.plusSeconds(5)));
            producer.flush();
            published = System.nanoTime();
        }
        wait.until(d -> "provisioned".equals(row("device-" + mac).getAttribute("data-status")));
        long changedAfterMillis = (System.nanoTime() - published) / 1_000_000;
        wait.until(d -> row("device-" + mac).getText().contains("10.60.0.15"));

        String fresh = DeviceViewTest.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            DeviceViewTest.publish(producer, new DeviceCreated(fresh, "yealink", "t4x", "t46s", Optional.empty(),
                    "ui/yealink/t4x/t46s", Optional.empty(), Optional.empty(), 1, true, false, t.plusSeconds(6)));
        }
        wait.until(d -> !d.findElements(By.id("device-" + fresh)).isEmpty());
        wait.until(d -> "pending".equals(row("device-" + fresh).getAttribute("data-status")));
        chromium.assertNotReloaded();
        chromium.screenshot("devices-live.png");
        System.out.printf("browser saw the device row change %d ms after the broker acknowledged the event%n", changedAfterMillis);
        assertThat(changedAfterMillis).as("live update latency").isLessThan(WAIT.toMillis());
    }

    @Test
    void aTrunkRowChangesStateAndItsHistoryGrowsWithoutReload() throws IOException {
        String enterprise = Long.toString(2_500_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L));
        String trunk = Long.toString(2_600_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        TrunkState active = new TrunkState("79165550101", Optional.of("Front desk"), true, false, true, false, true);
        TrunkState off = new TrunkState("79165550101", Optional.of("Front desk"), false, false, true, false, true);
        TrunkState marked = new TrunkState("79165550101", Optional.of("Front desk"), false, true, true, false, true);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t, List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(active)));
        }
        Eventually.within(WAIT, () -> assertThat(trunkState(trunk)).isEqualTo("active"));

        signIn();
        browser.get(base + "trunks");
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        wait.until(d -> "active".equals(row("trunk-" + trunk).getAttribute("data-state")));
        chromium.markNotReloaded();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t.plusSeconds(5), List.of(TrunkChange.DEACTIVATED), Optional.of(active),
                    Optional.of(off)));
        }
        wait.until(d -> "deactivated".equals(row("trunk-" + trunk).getAttribute("data-state")));
        wait.until(d -> row("trunk-" + trunk).getText().contains("deactivated"));
        chromium.assertNotReloaded();
        chromium.screenshot("trunks-live.png");

        browser.get(base + "trunks/" + trunk);
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        wait.until(d -> historyRows().size() == 2);
        chromium.markNotReloaded();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t.plusSeconds(10), List.of(TrunkChange.MARKED_FOR_DELETION), Optional.of(off),
                    Optional.of(marked)));
        }
        wait.until(d -> historyRows().size() == 3);
        wait.until(d -> historyRows().get(0).getText().contains("marked for deletion"));
        wait.until(d -> "marked-for-deletion".equals(d.findElement(By.id("trunk-live")).getAttribute("data-state")));
        chromium.assertNotReloaded();
        chromium.screenshot("trunk-page-live.png");
    }

    private String trunkState(String trunk) {
        return TestUsers.operator().get("/api/trunks/" + trunk).then().statusCode(200).extract().jsonPath().getString("state");
    }

    private static TrunkChanged change(String trunk, String enterprise, Instant at, List<TrunkChange> changes,
                                       Optional<TrunkState> previous, Optional<TrunkState> current) {
        return new TrunkChanged(trunk, enterprise, UUID.randomUUID().toString(), TrunkChangeOrigin.SYNC, Optional.empty(), at, changes,
                previous, current);
    }

    private static void publish(CloudEventProducer producer, TrunkChanged event) {
        producer.send(Topics.VATS_TRUNKS, event.trunkId(), CloudEventProducer.headers(UUID.randomUUID().toString(),
                VatsEventTypes.TRUNK_CHANGED.type(), event.observedAt()), CloudEventProducer.json(event));
    }

    /** Rows are swapped in place while the test looks at them: a stale element means "look again". */
    private WebDriverWait liveWait() {
        return chromium.liveWait(WAIT);
    }

    /** Lands on the devices list, where both tests start. */
    @Override
    protected void signIn() {
        chromium.signIn(base + "devices");
    }

    private WebElement row(String id) {
        return browser.findElement(By.id(id));
    }

    private List<WebElement> historyRows() {
        return browser.findElements(By.cssSelector("table.history tbody tr"));
    }
}
