package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** asyncapi.yaml as generators and consumers read it: servers, Kafka bindings with a key for every message, headers. */
class AsyncApiTest {
    private static Map<String, Object> doc;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("asyncapi.yaml"))) {
            doc = new Yaml().load(in);
        }
    }

    @Test
    void declaresAKafkaServer() {
        assertThat(map(doc, "servers")).isNotEmpty().allSatisfy((name, server) -> {
            assertThat(map(server).get("protocol")).as(name).isEqualTo("kafka");
            assertThat((String) map(server).get("host")).as(name).matches("[a-z0-9.-]+:\\d+");
        });
    }

    @Test
    void everyChannelNamesItsTopicInItsKafkaBinding() {
        allChannels().forEach((name, channel) -> assertThat(map(channel, "bindings", "kafka").get("topic"))
                .as(name).isEqualTo(map(channel).get("address")));
    }

    @Test
    void everyMessageOfEveryChannelDeclaresItsRecordKey() {
        allChannels().forEach((channelName, channel) -> {
            assertThat(map(channel, "messages")).as(channelName).isNotEmpty();
            for (Object message : map(channel, "messages").values()) {
                Map<String, Object> resolved = withTraits(resolve(message));
                Map<String, Object> key = map(resolved, "bindings", "kafka", "key");
                assertThat(key).as(channelName + " " + resolved.get("name")).containsEntry("type", "string")
                        .containsKey("description");
            }
        });
    }

    @Test
    void everyPublicMessageCarriesTheCloudEventsHeadersWithTheSubjectEqualToTheKey() {
        Map<String, Object> headers = map(doc, "components", "messageTraits", "cloudEvent", "headers");
        assertThat(list(headers.get("required"))).containsExactlyInAnyOrder(CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.TIME,
                CloudEventHeaders.SUBJECT, CloudEventHeaders.CONTENT_TYPE);
        assertThat((String) map(headers, "properties", CloudEventHeaders.SUBJECT).get("description")).contains("record key");
        map(doc, "channels").forEach((name, channel) -> {
            for (Object message : map(channel, "messages").values()) {
                assertThat(map(withTraits(resolve(message)), "headers", "properties"))
                        .as(name).containsKey(CloudEventHeaders.SUBJECT);
            }
        });
    }

    @Test
    void theInternalTopicsAreDocumentedOutsideThePublicChannels() {
        Map<String, Object> internal = map(doc, "components", "channels");
        List<Object> addresses = internal.values().stream().map(c -> map(c).get("address")).toList();
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.INTERNAL);
        internal.values().forEach(c -> assertThat(map(c)).containsEntry("x-internal", true));
        assertThat(map(doc, "channels").values().stream().map(c -> map(c).get("address")))
                .doesNotContainAnyElementsOf(Topics.INTERNAL);
        Map<String, Object> raw = map(internal.values().iterator().next());
        assertThat(map(raw, "bindings", "kafka", "topicConfiguration")).containsEntry("retention.ms", 604800000);
        assertThat((String) raw.get("description")).contains("Only event-ingest-service may");
    }

    private static Map<String, Object> allChannels() {
        Map<String, Object> all = new LinkedHashMap<>(map(doc, "channels"));
        all.putAll(map(doc, "components", "channels"));
        return all;
    }

    /** A message or trait given inline or as a local $ref ('#/components/...'). */
    private static Map<String, Object> resolve(Object node) {
        Map<String, Object> m = map(node);
        if (!(m.get("$ref") instanceof String ref)) {
            return m;
        }
        assertThat(ref).startsWith("#/");
        Object current = doc;
        for (String part : ref.substring(2).split("/")) {
            current = map(current).get(part);
            assertThat(current).as(ref).isNotNull();
        }
        return map(current);
    }

    /** The message with its traits merged in (AsyncAPI 3: the message's own fields win). */
    private static Map<String, Object> withTraits(Map<String, Object> message) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object trait : list(message.get("traits"))) {
            deepMerge(merged, resolve(trait));
        }
        deepMerge(merged, message);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                deepMerge(copy, (Map<String, Object>) m);
                into.put(k, copy);
            } else {
                into.put(k, v);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String p : path) {
            assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(p);
        }
        assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
        return (Map<String, Object>) current;
    }

    private static List<Object> list(Object node) {
        return node == null ? List.of() : new ArrayList<>((List<?>) node);
    }
}
