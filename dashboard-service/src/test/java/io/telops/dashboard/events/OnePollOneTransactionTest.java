package io.telops.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Phones;
import io.telops.dashboard.live.LiveUpdates;
import io.telops.dashboard.phone.PhoneConfig;
import io.telops.dashboard.phone.PhoneProjection;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * With {@code apply-threads=1} (one consumer for every partition) a poll of several partitions is applied in one
 * transaction, each partition's records in their order, and a redelivered poll changes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class OnePollOneTransactionTest {

    @Inject
    PhoneProjection projection;

    @Inject
    ConsumerMetrics metrics;

    @Inject
    LiveUpdates liveUpdates;

    @Inject
    EntityManager entityManager;

    @Test
    void aPollOfTwoPartitionsIsOneTransactionInPartitionOrder() {
        PhoneEventConsumer consumer = new PhoneEventConsumer(projection, metrics, liveUpdates, oneApplyThread(),
                new io.telops.events.ConsumerSpans(io.opentelemetry.api.OpenTelemetry.noop()));
        String first = Phones.randomMac();
        String second = Phones.randomMac();
        Instant at = Phones.now();
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> zero = new ArrayList<>();
        // off-hook then on-hook: applied in this order the phone ends on-hook
        zero.add(record(0, 0, Phones.offHook(first, at)));
        zero.add(record(0, 1, Phones.onHook(first, at.plusMillis(1))));
        List<ConsumerRecord<String, byte[]>> one = new ArrayList<>();
        one.add(record(1, 0, Phones.offHook(second, at)));
        poll.put(new TopicPartition(Topics.PHONE_EVENTS, 0), zero);
        poll.put(new TopicPartition(Topics.PHONE_EVENTS, 1), one);
        ConsumerRecords<String, byte[]> records = new ConsumerRecords<>(poll);

        consumer.consume(records);

        assertThat(number("select count(*) from phone_log where mac in (?1, ?2)", first, second)).isEqualTo(3);
        // one transaction wrote every log row of the poll: they share the inserting transaction id
        assertThat(number("select count(distinct xmin::text) from phone_log where mac in (?1, ?2)", first, second)).isEqualTo(1);
        assertThat(number("select count(*) from phone where mac in (?1, ?2) and off_hook", first, first)).isZero();
        assertThat(number("select count(*) from phone where mac in (?1, ?2) and off_hook", second, second)).isEqualTo(1);
        assertThat(number("select event_count from phone where mac = ?1 and ?2 = ?2", first, first)).isEqualTo(2);

        consumer.consume(records);

        assertThat(number("select count(*) from phone_log where mac in (?1, ?2)", first, second)).isEqualTo(3);
        assertThat(number("select event_count from phone where mac = ?1 and ?2 = ?2", first, first)).isEqualTo(2);
    }

    private long number(String sql, String a, String b) {
        Object value = entityManager.createNativeQuery(sql).setParameter(1, a).setParameter(2, b).getSingleResult();
        return ((Number) value).longValue();
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, PhoneEvent event) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.PHONE_EVENTS, partition, offset,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1, event.mac(), CloudEventProducer.json(event),
                new RecordHeaders(), Optional.empty());
        CloudEventProducer.headers(UUID.randomUUID().toString(), PhoneEventTypes.of(event).type(), event.occurredAt())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static PhoneConfig oneApplyThread() {
        return new PhoneConfig() {
            @Override
            public Duration offlineAfter() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration maxCallAge() {
                return Duration.ofHours(4);
            }

            @Override
            public Duration callExpiryEvery() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int recentLogs() {
                return 5;
            }

            @Override
            public int maxPageSize() {
                return 200;
            }

            @Override
            public int applyThreads() {
                return 1;
            }
        };
    }
}
