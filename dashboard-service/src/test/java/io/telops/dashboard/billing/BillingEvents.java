package io.telops.dashboard.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.restassured.specification.RequestSpecification;
import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.contracts.Topics;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.BillingEvent;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;
import io.telops.dashboard.CloudEventProducer;

/**
 * Publishes billing records the way billing-agi-service does: serialised with EventJson, checked against their
 * schema, keyed by account id (a refusal of an unknown caller by {@code clid:<caller id>}).
 */
final class BillingEvents {
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMA_CACHE = new ConcurrentHashMap<>();

    private BillingEvents() {
    }

    static long accountId() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 50);
    }

    static String publish(CloudEventProducer producer, BillingEvent event) {
        String id = UUID.randomUUID().toString();
        publish(producer, id, event);
        return id;
    }

    static void publish(CloudEventProducer producer, String id, BillingEvent event) {
        EventType<?> type = BillingEventTypes.of(event);
        byte[] body = CloudEventProducer.json(event);
        try {
            assertThat(schema(type).validate(EventJson.mapper().readTree(body))).as("%s accepted by its schema", type.type()).isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        producer.send(Topics.BILLING_EVENTS, key(event), CloudEventProducer.headers(id, type.type(), event.occurredAt()), body);
    }

    static String key(BillingEvent event) {
        if (event instanceof BalanceChanged e) {
            return Long.toString(e.accountId());
        }
        if (event instanceof CallAuthorised e) {
            return Long.toString(e.accountId());
        }
        if (event instanceof CallSettled e) {
            return Long.toString(e.accountId());
        }
        if (event instanceof CallRefused e) {
            return e.accountId().map(String::valueOf).orElse("clid:" + e.callerId());
        }
        throw new IllegalArgumentException(event.getClass().getName());
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("viewer", "secret");
    }

    static String login() {
        var response = given().redirects().follow(false)
                .formParam("j_username", "viewer").formParam("j_password", "secret").post("/j_security_check");
        assertThat(response.statusCode()).isEqualTo(302);
        return response.cookie("telops-dashboard");
    }

    private static JsonSchema schema(EventType<?> type) {
        return SCHEMA_CACHE.computeIfAbsent(type.schemaResource(), resource -> {
            InputStream in = BillingEvents.class.getResourceAsStream(resource);
            assertThat(in).as(resource).isNotNull();
            return SCHEMAS.getSchema(in);
        });
    }
}
