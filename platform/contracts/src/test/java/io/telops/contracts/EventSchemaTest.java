package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

class EventSchemaTest {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyCatalogTypeHasASample() {
        Set<Class<?>> sampled = EventSamples.ALL.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(EventCatalog.all()).allSatisfy(t -> assertThat(sampled).contains(t.recordClass()));
    }

    @TestFactory
    List<DynamicTest> everySampleSerialisesToJsonItsSchemaAccepts() {
        return EventSamples.ALL.stream().map(sample -> DynamicTest.dynamicTest(sample.getClass().getSimpleName(), () -> {
            EventType<?> type = typeOf(sample);
            JsonNode json = JSON.valueToTree(sample);
            Set<ValidationMessage> errors = schema(type).validate(json);
            assertThat(errors).as("%s against %s", json, type.schemaResource()).isEmpty();
        })).toList();
    }

    @TestFactory
    List<DynamicTest> readingToleratesUnknownFieldsAndRoundTrips() {
        return EventSamples.ALL.stream().map(sample -> DynamicTest.dynamicTest(sample.getClass().getSimpleName(), () -> {
            ObjectNode json = JSON.valueToTree(sample);
            json.put("addedByANewerProducer", "ignored");
            json.putObject("nested").put("x", 1);
            Object read = JSON.treeToValue(json, sample.getClass());
            assertThat(read).isEqualTo(sample);
        })).toList();
    }

    @Test
    void schemaRejectsAMalformedMac() {
        EventType<?> type = typeOf(EventSamples.ALL.get(0));
        ObjectNode json = JSON.valueToTree(EventSamples.ALL.get(0));
        json.put("mac", "00:04:f2:14:b8:9e");
        assertThat(schema(type).validate(json)).isNotEmpty();
        json.remove("mac");
        assertThat(schema(type).validate(json)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void asyncapiDocumentsEveryTypeWithAnExistingSchema() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(Path.of("asyncapi.yaml"))) {
            doc = new Yaml().load(in);
        }
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
        Map<String, String> refByName = messages.values().stream().map(m -> (Map<String, Object>) m).collect(
                Collectors.toMap(m -> (String) m.get("name"), m -> (String) ((Map<String, Object>) m.get("payload")).get("$ref")));
        for (EventType<?> type : EventCatalog.all()) {
            assertThat(refByName).containsKey(type.type());
            assertThat(Path.of(refByName.get(type.type()))).exists()
                    .hasFileName(Path.of(type.schemaResource()).getFileName().toString());
        }
        Map<String, Object> channels = (Map<String, Object>) doc.get("channels");
        Set<Object> addresses = channels.values().stream().map(c -> ((Map<String, Object>) c).get("address")).collect(Collectors.toSet());
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    private static EventType<?> typeOf(Record sample) {
        return EventCatalog.all().stream().filter(t -> t.recordClass() == sample.getClass()).findFirst().orElseThrow();
    }

    private static JsonSchema schema(EventType<?> type) {
        InputStream in = EventSchemaTest.class.getResourceAsStream(type.schemaResource());
        assertThat(in).as(type.schemaResource()).isNotNull();
        return SCHEMAS.getSchema(in);
    }
}
