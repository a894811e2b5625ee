package io.telops.dashboard.callforward;

import static io.telops.dashboard.TestUsers.operator;
import static io.telops.dashboard.callforward.CallForwardEvents.completed;
import static io.telops.dashboard.callforward.CallForwardEvents.dialled;
import static io.telops.dashboard.callforward.CallForwardEvents.leg;
import static io.telops.dashboard.callforward.CallForwardEvents.publish;
import static io.telops.dashboard.callforward.CallForwardEvents.received;
import static io.telops.dashboard.callforward.CallForwardEvents.smsSent;
import static io.telops.dashboard.callforward.CallForwardEvents.voicemail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.dashboard.BrowserTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Debian's Chromium, headless, on the call-forward page: a call that goes SIP -> mobile -> voicemail is published
 * to Kafka while the page is open, and its path, then its voicemail player and SMS state, appear without a reload.
 * Fails (never skips) when Chromium is missing: install the Debian packages chromium and chromium-driver.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class CallForwardBrowserTest extends BrowserTest {
    private static final String RECORDINGS = "https://media.plivo.com/v1/Account/MA123/Recording/";


    @Test
    void aCallsPathAndItsVoicemailPlayerAppearLiveWithoutReload() throws IOException {
        String line = CallForwardEvents.lineId();
        Instant t = CallForwardEvents.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, CallForwardEvents.line(line, "Browser line", "active", 1, t.minusSeconds(60)));
        }
        Eventually.within(Duration.ofSeconds(20), () -> operator().get("/api/call-forward/lines/" + line).then().statusCode(200));

        signIn();
        browser.get(base + "call-forward");
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        wait.until(d -> lineRow(line).getText().contains("Browser line"));
        chromium.markNotReloaded();

        String call = CallForwardEvents.callUuid();
        String recording = UUID.randomUUID().toString();
        String url = RECORDINGS + recording + ".mp3";
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, received(call, line, "+4930777", t));
            publish(producer, dialled(call, line, "sip", "no-answer", "mobile", t.plusSeconds(20)));
            publish(producer, dialled(call, line, "mobile", "no-answer", "voicemail", t.plusSeconds(40)));
        }
        // the path so far: both legs unanswered, on the way to voicemail
        wait.until(d -> path(call).getAttribute("data-path").equals("SIP: no-answer -> mobile: no-answer -> voicemail"));

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, voicemail(call, line, recording, url, 23, "+4930777", t.plusSeconds(70)));
            publish(producer, completed(call, line, "voicemail", List.of(leg("sip", "no-answer"), leg("mobile", "no-answer")), 71, t.plusSeconds(71)));
            publish(producer, smsSent(call, line, recording, t.plusSeconds(72)));
        }
        wait.until(d -> path(call).getAttribute("data-path").equals("SIP: no-answer -> mobile: no-answer -> voicemail 0:23"));
        assertThat(steps(call)).containsExactly("SIP: no-answer", "mobile: no-answer", "voicemail 0:23");
        // read inside the wait: the sms-sent update may swap the section between finding the player and reading it
        wait.until(d -> {
            WebElement player = voicemailRow(recording).findElement(By.tagName("audio"));
            return url.equals(player.getAttribute("src")) && player.getAttribute("controls") != null;
        });
        wait.until(d -> voicemailRow(recording).findElement(By.cssSelector("td.sms")).getText().startsWith("SMS sent"));
        wait.until(d -> lineRow(line).getText().contains("from +4930777 · voicemail"));
        chromium.assertNotReloaded();
        chromium.screenshot("call-forward-live.png");
    }

    @Test
    void theLinePageFollowsItsOwnLineLive() throws IOException {
        String line = CallForwardEvents.lineId();
        Instant t = CallForwardEvents.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, CallForwardEvents.line(line, "Line page", "active", 1, t.minusSeconds(60)));
        }
        Eventually.within(Duration.ofSeconds(20), () -> operator().get("/api/call-forward/lines/" + line).then().statusCode(200));
        signIn();
        browser.get(base + LineView.href(line).substring(1));
        WebDriverWait wait = liveWait();
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().equals("live"));
        assertThat(browser.findElements(By.cssSelector("#cf-line-calls tr[data-call]"))).isEmpty();
        chromium.markNotReloaded();
        String call = CallForwardEvents.callUuid();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, received(call, line, "+4930888", t));
            publish(producer, dialled(call, line, "sip", "completed", "hangup", t.plusSeconds(9)));
            publish(producer, completed(call, line, "answered", List.of(leg("sip", "completed")), 65, t.plusSeconds(74)));
        }
        wait.until(d -> path(call).getAttribute("data-path").equals("SIP: completed"));
        wait.until(d -> d.findElement(By.cssSelector("tr[data-call='" + call + "']")).getText().contains("1:05"));
        chromium.assertNotReloaded();
        chromium.screenshot("call-forward-line-live.png");
    }

    /** Sections are swapped in place while the test looks at them: a stale element means "look again". */
    private WebDriverWait liveWait() {
        return chromium.liveWait(Duration.ofSeconds(15));
    }

    private WebElement lineRow(String line) {
        return browser.findElement(By.cssSelector("tr[data-line='" + line + "']"));
    }

    private WebElement path(String call) {
        return browser.findElement(By.cssSelector("tr[data-call='" + call + "'] ol.path"));
    }

    private List<String> steps(String call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return path(call).findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
            } catch (StaleElementReferenceException swapped) {
                if (attempt > 20) {
                    throw swapped;
                }
            }
        }
    }

    private WebElement voicemailRow(String recording) {
        return browser.findElement(By.cssSelector("tr[data-recording='" + recording + "']"));
    }

}
