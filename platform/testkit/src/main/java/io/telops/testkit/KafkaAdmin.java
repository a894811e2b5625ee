package io.telops.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The admin-client work {@link KafkaBroker} and {@link KafkaCluster} share: clients with test timeouts, topics. */
final class KafkaAdmin {
    private KafkaAdmin() {
    }

    static Admin connect(String bootstrapServers) {
        return connect(bootstrapServers, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    /** A client that gives up quickly, for polling a starting broker. */
    static Admin probe(String bootstrapServers) {
        return connect(bootstrapServers, Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    /** Creates the topics that do not exist yet, each as {@code topic} makes it, and waits until every broker knows them. */
    static void createMissing(String bootstrapServers, Collection<String> names, Function<String, NewTopic> topic) {
        try (Admin admin = connect(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n)).map(topic).toList();
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitVisible(admin, names);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + names, e);
        }
    }

    /** The controller has committed a new topic before every broker listener knows it: wait for the metadata. */
    static void awaitVisible(Admin admin, Collection<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics not visible: " + names, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static Admin connect(String bootstrapServers, Duration request, Duration api) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) api.toMillis()));
    }
}
