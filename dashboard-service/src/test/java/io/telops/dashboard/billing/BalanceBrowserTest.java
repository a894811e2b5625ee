package io.telops.dashboard.billing;

import static io.telops.dashboard.billing.BillingEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.dashboard.CloudEventProducer;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Headless Debian Chromium on /balances: a new account and its balance changes appear without reload. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class BalanceBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    @TestHTTPResource("/")
    URL base;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void startChromium() throws IOException {
        assertThat(CHROMIUM).as("Chromium is required: apt-get install chromium chromium-driver").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is required: apt-get install chromium-driver").isExecutable();
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void accountsAndTheirBalancesChangeLive() throws IOException {
        browser.get(base.toString());
        browser.findElement(By.name("j_username")).sendKeys("viewer");
        browser.findElement(By.name("j_password")).sendKeys("secret");
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(base + "balances");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

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
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        Path artefacts = Path.of("target", "browser");
        Files.createDirectories(artefacts);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(artefacts.resolve("balances-live.png"), png);
        assertThat(png.length).isGreaterThan(1_000);
    }
}
