package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.Party;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** How the phone consumer is laid out and what it reports about its batches. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ConsumerPipelineTest {

    @Inject
    MeterRegistry registry;

    @Test
    void everyPartitionHasAConsumerOfItsOwn() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (Admin admin = Admin.create(config)) {
            Eventually.within(Duration.ofSeconds(60), () -> {
                ConsumerGroupDescription group;
                try {
                    group = admin.describeConsumerGroups(List.of("dashboard-service")).all().get(10, TimeUnit.SECONDS)
                            .get("dashboard-service");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                List<Set<TopicPartition>> assignments = new ArrayList<>();
                for (MemberDescription member : group.members()) {
                    assignments.add(member.assignment().topicPartitions());
                }
                // three members, each with exactly one partition of the topic, together all of them
                assertThat(assignments).hasSize(3).allSatisfy(a -> assertThat(a).hasSize(1));
                Set<Integer> partitions = new HashSet<>();
                assignments.forEach(a -> a.forEach(p -> partitions.add(p.partition())));
                assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2);
            });
        }
    }

    @Test
    void batchesReportEachPhaseAndHowLongTheirRecordsWaited() {
        double writesBefore = count("dashboard.consumer.phase", "write");
        double visibleBefore = visible() == null ? 0 : visible().count();
        String mac = Phones.randomMac();
        Instant at = Phones.now();
        Party caller = new Party("Pipeline Caller", "+49301234");
        Party desk = new Party("Desk", "201");
        CloudEventProducer.publishToTestBroker(Phones.incoming(mac, at, caller, desk),
                Phones.callState(mac, at, "0x1", "Connected", caller, desk),
                Phones.onHook(mac, at));
        Eventually.within(Duration.ofSeconds(30),
                () -> assertThat(PhoneReadModelTest.phone(mac).getLong("eventCount")).isEqualTo(3));

        Eventually.within(Duration.ofSeconds(5), () -> {
            assertThat(count("dashboard.consumer.phase", "write")).isGreaterThan(writesBefore);
            for (String phase : List.of("decode", "claim-and-load", "apply", "commit")) {
                assertThat(count("dashboard.consumer.phase", phase)).as(phase).isPositive();
            }
            // every record is timed, from its Kafka timestamp to its batch's commit
            assertThat(visible()).isNotNull();
            assertThat((double) visible().count()).isGreaterThanOrEqualTo(visibleBefore + 3);
            assertThat(visible().max(TimeUnit.MILLISECONDS)).isLessThan(30_000);
            // and each batch's consumer-thread CPU time, which decoding three events cannot leave at zero
            Timer cpu = registry.find("dashboard.consumer.batch.cpu").tag("topic", Topics.PHONE_EVENTS).timer();
            assertThat(cpu).isNotNull();
            assertThat(cpu.count()).isPositive();
            assertThat(cpu.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        });
    }

    private Timer visible() {
        return registry.find("dashboard.consumer.record.visible").tag("topic", Topics.PHONE_EVENTS).timer();
    }

    private double count(String name, String phase) {
        Timer timer = registry.find(name).tag("topic", Topics.PHONE_EVENTS).tag("phase", phase).timer();
        return timer == null ? 0 : timer.count();
    }
}
