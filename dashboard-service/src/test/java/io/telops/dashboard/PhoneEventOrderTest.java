package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.phone.PhoneLocked;
import io.telops.contracts.phone.PhoneUnlocked;
import io.telops.contracts.phone.UiInitialized;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Hook and lock flags follow the events' own time, with arrival order only breaking ties: a late event cannot
 * undo a newer one. Across the real broker into the PostgreSQL read model.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class PhoneEventOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String IP = "10.1.2.3";

    private static JsonPath phoneAfter(String mac, long events) {
        Eventually.within(WAIT, () -> assertThat(PhoneReadModelTest.phone(mac).getLong("eventCount")).isEqualTo(events));
        return PhoneReadModelTest.phone(mac);
    }

    /** An on-hook, then an off-hook observed at second 1: the later by event time wins, arrival order breaks a tie. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a late off-hook does not undo a newer on-hook, 5, registered",
            "events of the same instant apply in arrival order, 1, off-hook"})
    void theHookFollowsEventTimeThenArrival(String behaviour, int onHookSecond, String status) {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(60);
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, t0, 1, "1001@pbx"),
                Phones.onHook(mac, t0.plusSeconds(onHookSecond)),
                Phones.offHook(mac, t0.plusSeconds(1)));
        assertThat(phoneAfter(mac, 3).getString("status")).isEqualTo(status);
    }

    @Test
    void aLateLockDoesNotUndoANewerUnlock() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(60);
        CloudEventProducer.publishToTestBroker(new PhoneUnlocked(mac, IP, t0.plusSeconds(5), "Z"),
                new PhoneLocked(mac, IP, t0.plusSeconds(1), "Z"));
        assertThat(phoneAfter(mac, 2).getBoolean("locked")).isFalse();
    }

    @Test
    void aLateUiStartDoesNotClearNewerFlags() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(60);
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, t0, 1, "1001@pbx"),
                Phones.offHook(mac, t0.plusSeconds(5)),
                new PhoneLocked(mac, IP, t0.plusSeconds(5), "Z"),
                new UiInitialized(mac, IP, t0.plusSeconds(2), "Z"));
        JsonPath phone = phoneAfter(mac, 4);
        assertThat(phone.getString("status")).isEqualTo("off-hook");
        assertThat(phone.getBoolean("locked")).isTrue();
    }
}
