package io.telops.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer settings the Kafka path's guarantees rest on (see the README, "Durable acceptance"). */
class KafkaAcceptorConfigTest {
    final Properties config = KafkaAcceptor.producerConfig("localhost:9092", Duration.ofSeconds(2), Duration.ofMillis(1), 1);

    @Test
    void acknowledgedMeansOnEveryInSyncReplicaAndNeverWrittenTwice() {
        assertThat(config.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo(true);
    }

    @Test
    void theEventLoopNeverWaitsAndAPushIsDecidedWithinTheAckTimeout() {
        assertThat(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo(0);
        assertThat(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo(2_000);
        // the producer refuses a delivery timeout below linger + request timeout
        assertThat((int) config.get(ProducerConfig.LINGER_MS_CONFIG) + (int) config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
                .isLessThanOrEqualTo((int) config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    @Test
    void topicsStayKnownThroughQuietSpells() {
        // with max.block.ms=0 a topic evicted from the metadata cache (default after 5 idle minutes) fails the next push
        assertThat((int) config.get(ProducerConfig.METADATA_MAX_IDLE_CONFIG)).isGreaterThanOrEqualTo((int) Duration.ofHours(1).toMillis());
    }
}
