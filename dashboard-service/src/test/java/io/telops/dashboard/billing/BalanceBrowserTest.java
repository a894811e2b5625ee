package io.telops.dashboard.billing;

import static io.telops.dashboard.billing.BillingEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.dashboard.BrowserTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Headless Debian Chromium on /balances: a new account and its balance changes appear without reload. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class BalanceBrowserTest extends BrowserTest {


    @Test
    void accountsAndTheirBalancesChangeLive() throws IOException {
        signIn();
        browser.get(base + "balances");
        WebDriverWait wait = chromium.liveWait(Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        chromium.markNotReloaded();

        long account = BillingEvents.accountId();
        String row = "tr[data-account='" + account + "']";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new BalanceChanged(account, "browser-user", 2500, 2500, "EUR", "TOPUP", t));
        }
        wait.until(d -> d.findElement(By.cssSelector(row + " td.balance")).getText().equals("25.00 EUR"));
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new CallAuthorised(account, "browser-user", "1700000001." + account, "+4930111", "004930555",
                    "49", 600, 400, "EUR", t.plusSeconds(1)));
            publish(producer, new BalanceChanged(account, "browser-user", -400, 2100, "EUR", "CALL_RESERVED", t.plusSeconds(1)));
        }
        wait.until(d -> d.findElement(By.cssSelector(row + " td.balance")).getText().equals("21.00 EUR"));
        wait.until(d -> d.findElement(By.cssSelector("#bl-events tbody tr")).getText().contains("CALL_RESERVED -4.00 EUR, balance 21.00 EUR"));
        chromium.assertNotReloaded();
        chromium.screenshot("balances-live.png");
    }
}
