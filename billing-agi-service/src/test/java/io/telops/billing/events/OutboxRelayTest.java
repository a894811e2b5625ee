package io.telops.billing.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Ledger changes reach the real broker through the outbox, as CloudEvents in binary mode. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OutboxRelayTest {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void authorisedRefusedAndSettledCallsArePublishedWithCloudEventHeaders() throws Exception {
        fixtures.tariff("4958", 10, 60, 60, 0);
        Account a = fixtures.account(30);
        String uid = "1700600000." + BillingFixtures.unique();
        billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "4958000", "c"));
        billing.settle(uid, 61, a.clid, "c");
        String refusedUid = "1700600001." + BillingFixtures.unique();
        billing.authorise(new CallRequest(refusedUid, Optional.of("000" + BillingFixtures.unique()), Optional.empty(), "4958000", "c"));

        Map<String, ConsumerRecord<String, String>> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BILLING_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String body = r.value();
                    if (body.contains("\"" + uid + "\"") || body.contains("\"" + refusedUid + "\"")) {
                        found.put(header(r, CloudEventHeaders.TYPE) + "|" + (body.contains(uid) ? uid : refusedUid), r);
                    }
                }
            }
        }
        ConsumerRecord<String, String> settled = found.get("io.telops.billing.call-settled.v1|" + uid);
        assertThat(settled).as("call-settled on the topic; found %s", found.keySet()).isNotNull();
        assertThat(settled.key()).isEqualTo(String.valueOf(a.id));
        assertThat(header(settled, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(settled, CloudEventHeaders.SOURCE)).isEqualTo("/billing-agi-service");
        assertThat(header(settled, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(header(settled, CloudEventHeaders.ID))).isNotNull();
        assertThat(header(settled, CloudEventHeaders.TIME)).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(header(settled, CloudEventHeaders.SUBJECT)).isEqualTo(settled.key()); // as the other services send it
        CallSettled event = JSON.readValue(settled.value(), CallSettled.class);
        assertThat(event.billsec()).isEqualTo(61);
        assertThat(event.billedSeconds()).isEqualTo(120);
        assertThat(event.amountMinor()).isEqualTo(20);
        assertThat(event.releasedMinor()).isEqualTo(10);
        assertThat(event.currency()).isEqualTo("USD");

        CallAuthorised authorised = JSON.readValue(found.get("io.telops.billing.call-authorised.v1|" + uid).value(), CallAuthorised.class);
        assertThat(authorised.maxSeconds()).isEqualTo(180);
        assertThat(authorised.reservedMinor()).isEqualTo(30);

        ConsumerRecord<String, String> refused = found.get("io.telops.billing.call-refused.v1|" + refusedUid);
        assertThat(refused.key()).startsWith("clid:000");
        assertThat(header(refused, CloudEventHeaders.SUBJECT)).isEqualTo(refused.key());
        assertThat(JSON.readValue(refused.value(), CallRefused.class).reason()).isEqualTo("UNKNOWN_ACCOUNT");

        // and the outbox rows are marked published once the broker acknowledged them
        long pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from telops_outbox where published_at is null and payload like ?1")
                .setParameter(1, "%" + uid + "%").getSingleResult()).longValue());
        assertThat(pending).isZero();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
