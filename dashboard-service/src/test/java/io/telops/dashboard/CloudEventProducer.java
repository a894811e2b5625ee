package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;

/** Publishes CloudEvents the way the producing services do (binary mode, JSON body) to the test broker. */
public final class CloudEventProducer implements AutoCloseable {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final JsonSchemaFactory SCHEMA_FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    private CloudEventProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A producer to the broker the running Quarkus test application consumes from. */
    public static CloudEventProducer toTestBroker() {
        return new CloudEventProducer(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Publishes phone events in this order to the test broker, each under a fresh ce_id, and waits for the acks. */
    public static void publishToTestBroker(PhoneEvent... events) {
        try (CloudEventProducer producer = toTestBroker()) {
            for (PhoneEvent event : events) {
                producer.publish(event);
            }
        }
    }

    public static CloudEventProducer to(String bootstrapServers) {
        return new CloudEventProducer(bootstrapServers);
    }

    /** Publishes a phone event under a fresh ce_id, keyed by its MAC; returns the ce_id. */
    public String publish(PhoneEvent event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    public void publish(String id, PhoneEvent event) {
        send(Topics.PHONE_EVENTS, event.mac(), headers(id, PhoneEventTypes.of(event).type(), event.occurredAt()), json(event));
    }

    /**
     * Publishes a phone event whose Kafka record carries {@code receivedAt} as its timestamp: the time ingest
     * took it in, which may differ from the phone's own {@code occurredAt}.
     */
    public String publishReceivedAt(PhoneEvent event, Instant receivedAt) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PHONE_EVENTS, null, receivedAt.toEpochMilli(),
                event.mac(), json(event));
        headers(id, PhoneEventTypes.of(event).type(), event.occurredAt())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        pending.add(producer.send(record));
        return id;
    }

    public void send(String topic, String key, Map<String, String> headers, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        pending.add(producer.send(record));
    }

    /** As {@link #send(String, String, Map, byte[])}, with {@code receivedAt} as the record's timestamp (ingest time). */
    public void send(String topic, String key, Map<String, String> headers, byte[] body, Instant receivedAt) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, receivedAt.toEpochMilli(), key, body);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        pending.add(producer.send(record));
    }

    /**
     * Sends a contract record as its producing service does, after checking the body against its type's JSON Schema,
     * so a test never feeds the views an event no producer could publish.
     */
    public void publishChecked(String key, String id, EventType<?> type, Object event, Instant time) {
        byte[] body = json(event);
        try {
            assertThat(schema(type).validate(JSON.readTree(body))).as("%s accepted by %s", type.type(), type.schemaResource())
                    .isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        send(type.topic(), key, headers(id, type.type(), time), body);
    }

    private static JsonSchema schema(EventType<?> type) {
        return SCHEMAS.computeIfAbsent(type.schemaResource(), resource -> {
            InputStream in = CloudEventProducer.class.getResourceAsStream(resource);
            assertThat(in).as(resource).isNotNull();
            return SCHEMA_FACTORY.getSchema(in);
        });
    }

    public static Map<String, String> headers(String id, String type, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, "/dashboard-service-test");
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    public static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the broker acknowledged everything sent so far. */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("broker refused a test record", e);
            }
        }
        pending.clear();
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }
}
