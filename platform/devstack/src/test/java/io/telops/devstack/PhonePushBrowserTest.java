package io.telops.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser test, end to end through the local run: an operator signs in to the dashboard in
 * Debian's headless Chromium and opens the phones page; a Poly VVX push (Poly's own sample payload, verbatim)
 * goes to event-ingest-service's push URL, crosses Kafka, and the phone's card appears and then changes on
 * the open page without a reload. One stack for the class; fails (never skips) without chromium and
 * chromium-driver.
 */
class PhonePushBrowserTest {
    private static final String PASSWORD = "browser-test";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Path ARTEFACTS = Path.of("target", "browser");
    /** The MAC in Poly's sample payloads. */
    private static final String SAMPLE_MAC = "0004F214B89E";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path root;
    private static Path dataDir;
    private static DevStack stack;

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    static void startStack() throws IOException {
        root = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
        dataDir = Files.createTempDirectory("telops-devstack-browser");
        stack = new DevStack(root, dataDir, StackPorts.free(), LocalSecrets.withAdminPassword(PASSWORD));
        long started = System.nanoTime();
        stack.start(Duration.ofMinutes(5));
        System.out.printf("devstack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    @BeforeEach
    void startChromium() throws IOException {
        assertThat(CHROMIUM).as("Chromium is required: apt-get install chromium chromium-driver").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is required: apt-get install chromium-driver").isExecutable();
        profile = Files.createTempDirectory("devstack-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        // the Debian driver, named explicitly: Selenium Manager downloads nothing
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            deleteRecursively(profile);
        }
    }

    @Test
    void aPhonePushThroughIngestShowsUpOnTheOpenPhonesPage() throws Exception {
        String dashboard = stack.url("dashboard-service");
        browser.get(dashboard + "/");
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.name("j_username")).sendKeys("admin");
        browser.findElement(By.name("j_password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        WebDriverWait wait = liveWait();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        // the platform overview is the landing page; the phone cards live at /phones
        browser.get(dashboard + "/phones");
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        assertThat(browser.findElements(By.id("phone-" + SAMPLE_MAC))).as("no card before the push").isEmpty();
        long countedBefore = shownCount();
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        // Poly's documented IncomingCallEvent, byte for byte, as the phone posts it
        long pushed = push("event-ingest-service/src/test/resources/polycom/docs/sip31-incoming-call-event.xml");
        wait.until(d -> !d.findElements(By.id("phone-" + SAMPLE_MAC)).isEmpty());
        long appearedAfterMillis = (System.nanoTime() - pushed) / 1_000_000;
        wait.until(d -> card().getText().contains("Incoming call from 20701 <20701@172.18.186.94>"));
        assertThat(card().getText()).contains("172.24.132.135");
        wait.until(d -> shownCount() == countedBefore + 1);

        // a second push of the same phone changes the card in place
        push("event-ingest-service/src/test/resources/polycom/filled/OffHookEvent.xml");
        wait.until(d -> "2".equals(card().getAttribute("data-events")));
        wait.until(d -> card().getText().contains("Off hook"));
        assertThat(browser.findElements(By.id("phone-" + SAMPLE_MAC))).as("still one card").hasSize(1);
        assertThat(shownCount()).isEqualTo(countedBefore + 1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the page was updated in place, not reloaded").isEqualTo(true);

        screenshot("devstack-phones-live.png");
        System.out.printf("the card appeared %d ms after event-ingest-service acknowledged the push%n", appearedAfterMillis);
        assertThat(appearedAfterMillis).as("push -> card on the open page").isLessThan(10_000);
    }

    /** Posts a sample file to the push URL the phones are configured with; returns when it was acknowledged. */
    private static long push(String sample) throws Exception {
        byte[] body = Files.readAllBytes(root.resolve(sample));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.url("event-ingest-service") + "/polycom/events"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long acknowledged = System.nanoTime();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":1");
        return acknowledged;
    }

    /** Cards are swapped in place while the test looks at them: a stale element means "look again". */
    private WebDriverWait liveWait() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private WebElement card() {
        return browser.findElement(By.id("phone-" + SAMPLE_MAC));
    }

    /** The phones page's "N phone(s)". */
    private long shownCount() {
        String text = browser.findElement(By.id("phone-count")).getText();
        assertThat(text).matches("\\d+ phone\\(s\\)");
        return Long.parseLong(text.substring(0, text.indexOf(' ')));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(ARTEFACTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(ARTEFACTS.resolve(name), png);
        assertThat(png.length).isGreaterThan(1_000);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
