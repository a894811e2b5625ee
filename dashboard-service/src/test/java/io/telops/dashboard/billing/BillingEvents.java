package io.telops.dashboard.billing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
        producer.publishChecked(key(event), id, BillingEventTypes.of(event), event, event.occurredAt());
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
}
