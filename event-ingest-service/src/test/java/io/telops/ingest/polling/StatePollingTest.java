package io.telops.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/** A phone group polled through the service: the fake phone's state reaches the topic through the outbox. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class StatePollingTest {
    @Inject
    StatePolling polling;

    @Inject
    IngestConfig config;

    @Test
    void pollingIsOffByDefault() {
        assertThat(config.polling().enabled()).isFalse();
    }

    @Test
    void aPolledPhoneGroupPublishesTheCurrentState() throws Exception {
        try (FakePolycomPhone phone = new FakePolycomPhone("Polycom", "456");
             PhoneEventsTopic topic = new PhoneEventsTopic(SharedInfrastructure.kafka().bootstrapServers())) {
            int answered = polling.pollGroup("lab", group(phone.host(), "Polycom", "456"));
            assertThat(answered).isEqualTo(1);
            List<PhoneEventsTopic.Message> read = topic.readUntil(
                    m -> m.stream().filter(x -> "0004F214B8E7".equals(x.key())).count() >= 3, Duration.ofSeconds(30));
            List<String> types = read.stream().filter(x -> "0004F214B8E7".equals(x.key())).map(x -> x.headers().get("ce_type")).toList();
            assertThat(types).containsExactlyInAnyOrder("io.telops.phone.line-registered.v1", "io.telops.phone.line-registered.v1",
                    "io.telops.phone.call-state-changed.v1");

            assertThat(polling.pollGroup("lab", group(phone.host(), "Polycom", "wrong"))).isZero();
        }
    }

    static IngestConfig.Polling.Group group(String host, String user, String password) {
        return group(Optional.empty(), Optional.of(List.of(host)), Optional.empty(), user, password);
    }

    static IngestConfig.Polling.Group group(Optional<List<String>> subnets, Optional<List<String>> phones, Optional<Integer> port,
                                            String user, String password) {
        return new IngestConfig.Polling.Group() {
            public boolean enabled() {
                return true;
            }

            public Optional<List<String>> subnets() {
                return subnets;
            }

            public Optional<List<String>> phones() {
                return phones;
            }

            public Duration interval() {
                return Duration.ofMinutes(5);
            }

            public Optional<Integer> port() {
                return port;
            }

            public String username() {
                return user;
            }

            public String password() {
                return password;
            }

            public String scheme() {
                return "http";
            }
        };
    }
}
