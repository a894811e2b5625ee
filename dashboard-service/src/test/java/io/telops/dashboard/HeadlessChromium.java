package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

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

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver: nothing is downloaded at test
 * time. Fails (never skips) when Chromium is not installed: CI installs the packages chromium and chromium-driver.
 * One throw-away profile per browser, removed on close.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Path ARTEFACTS = Path.of("target", "screenshots");

    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static HeadlessChromium start() {
        assertThat(CHROMIUM).as("Chromium is required: apt-get install chromium chromium-driver").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is required: apt-get install chromium-driver").isExecutable();
        try {
            Path profile = Files.createTempDirectory("dashboard-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1500,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a protected page, is sent to the login form, signs in as the test operator and lands on it. */
    public void signIn(String protectedUrl) {
        driver.get(protectedUrl);
        assertThat(driver.getCurrentUrl()).contains("/login");
        driver.findElement(By.name("j_username")).sendKeys("viewer");
        driver.findElement(By.name("j_password")).sendKeys("secret");
        driver.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Parts of the page are swapped in place while a test looks at them: a stale or missing element means "look again". */
    public WebDriverWait liveWait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(NoSuchElementException.class);
        return wait;
    }

    /** Leaves a marker in the page's window: it survives in-place updates, not a reload. */
    public void markNotReloaded() {
        ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
    }

    public void assertNotReloaded() {
        assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"))
                .as("the page was updated in place, not reloaded").isEqualTo(true);
    }

    /** Saves what the browser shows under target/screenshots/, the test's artefact. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(ARTEFACTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(ARTEFACTS.resolve(name), png);
        assertThat(png.length).isGreaterThan(1_000);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
