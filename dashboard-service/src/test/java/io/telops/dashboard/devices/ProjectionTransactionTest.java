package io.telops.dashboard.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.provisioning.DeviceCreated;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.events.CloudEvent;
import io.telops.dashboard.trunks.TrunkProjection;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/**
 * The views write with plain JDBC; this shows those writes belong to the caller's transaction (the feed's, which
 * also claims the ce_id): rolled back, they leave nothing behind; committed, they show.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ProjectionTransactionTest {

    @Inject
    DeviceProjection devices;

    @Inject
    TrunkProjection trunks;

    @Test
    void viewWritesRollBackWithTheTransactionThatMadeThem() throws Exception {
        String mac = DeviceViewTest.randomMac();
        String trunk = Long.toString(2_600_000_000L + (System.nanoTime() % 1_000_000_000L));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceCreated created = new DeviceCreated(mac, "snom", "7xx", "715", Optional.empty(), "ui/snom/7xx/715", Optional.empty(),
                Optional.empty(), 1, true, false, t);
        TrunkChanged appeared = new TrunkChanged(trunk, "2587417674", "run-1", TrunkChangeOrigin.SYNC, Optional.empty(), t,
                List.of(TrunkChange.APPEARED), Optional.empty(),
                Optional.of(new TrunkState("79160001234", Optional.empty(), true, false, true, false, true)));
        CloudEvent deviceEvent = event(Topics.PROVISIONING_EVENTS, ProvisioningEventTypes.DEVICE_CREATED.type(), mac, created, t);
        CloudEvent trunkEvent = event(Topics.VATS_TRUNKS, VatsEventTypes.TRUNK_CHANGED.type(), trunk, appeared, t);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(devices.apply(deviceEvent, json(deviceEvent))).contains(mac);
            assertThat(trunks.apply(trunkEvent, json(trunkEvent))).contains(trunk);
            throw new IllegalStateException("the batch failed after the views were written");
        })).hasMessageContaining("the batch failed");
        TestUsers.operator().get("/api/devices/" + mac).then().statusCode(404);
        TestUsers.operator().get("/api/trunks/" + trunk).then().statusCode(404);

        QuarkusTransaction.requiringNew().run(() -> {
            devices.apply(deviceEvent, json(deviceEvent));
            trunks.apply(trunkEvent, json(trunkEvent));
        });
        TestUsers.operator().get("/api/devices/" + mac).then().statusCode(200);
        TestUsers.operator().get("/api/trunks/" + trunk).then().statusCode(200);
    }

    private static CloudEvent event(String topic, String type, String key, Object body, Instant at) {
        return new CloudEvent(UUID.randomUUID().toString(), type, Optional.of("/test"), Optional.of(at), key,
                CloudEventProducer.json(body), topic, 0, 0L, at);
    }

    private static JsonNode json(CloudEvent event) {
        try {
            return EventJson.mapper().readTree(event.data());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
