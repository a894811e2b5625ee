package io.telops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes: topics get replication factor 3 and min.insync.replicas 2, an acks=all write survives the SIGKILL
 * of the partition's leader (leadership moves, the cluster keeps answering), and the killed node rejoins in sync.
 */
class KafkaClusterTest {

    @Test
    void threeNodesReplicateAndSurviveTheLeadersSigkill() throws Exception {
        List<Integer> ports = List.of(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free());
        List<Integer> controllers = List.of(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free());
        try (KafkaCluster cluster = new KafkaCluster(Files.createTempDirectory("telops-cluster"), ports, controllers, "256m")) {
            cluster.start();
            cluster.createTopics(List.of("cluster-test"), 6);
            try (Admin admin = cluster.admin()) {
                TopicDescription d = admin.describeTopics(List.of("cluster-test")).allTopicNames().get(20, TimeUnit.SECONDS)
                        .get("cluster-test");
                assertThat(d.partitions()).hasSize(6).allMatch(p -> p.replicas().size() == 3);
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "cluster-test");
                ConfigEntry isr = admin.describeConfigs(List.of(topic)).all().get(20, TimeUnit.SECONDS).get(topic)
                        .get("min.insync.replicas");
                assertThat(isr.value()).isEqualTo("2");
            }
            int leader = cluster.leaderOf("cluster-test", 0);
            assertThat(leader).isBetween(1, 3);

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, false), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("cluster-test", 0, "k", "before")).get(30, TimeUnit.SECONDS);
                cluster.kill(leader);
                assertThat(cluster.isRunning(leader)).isFalse();
                // acks=all with two of three replicas left: accepted once leadership has moved
                producer.send(new ProducerRecord<>("cluster-test", 0, "k", "after")).get(60, TimeUnit.SECONDS);
                int newLeader = cluster.leaderOf("cluster-test", 0);
                assertThat(newLeader).isNotEqualTo(leader).isBetween(1, 3);
            }

            cluster.start(leader);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!cluster.fullyReplicated(List.of("cluster-test")) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(cluster.fullyReplicated(List.of("cluster-test"))).as("killed node back in sync").isTrue();

            // started again within its broker session (6 s), the others still list the killed node as alive: start
            // must wait for the node itself, or a fault's recovery clock starts before the node is back
            int other = leader % 3 + 1;
            cluster.kill(other);
            cluster.start(other);
            try (Admin own = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.port(other),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
                assertThat(own.describeCluster().clusterId().get(3, TimeUnit.SECONDS)).as("node %d answers", other).isNotBlank();
            }
        }
    }

    /** The nodes are formatted in parallel: every one of them must get the same cluster id, or no quorum forms. */
    @Test
    void nodesFormattedAtOnceShareOneClusterId() throws Exception {
        KafkaCluster cluster = new KafkaCluster(Files.createTempDirectory("telops-cluster-id"), List.of(1, 2, 3, 4, 5, 6, 7, 8),
                List.of(11, 12, 13, 14, 15, 16, 17, 18), "64m");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> {
                    together.await();
                    return cluster.clusterId();
                }));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var id : ids) {
                distinct.add(id.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
