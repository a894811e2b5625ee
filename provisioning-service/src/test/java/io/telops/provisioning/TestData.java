package io.telops.provisioning;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.telops.contracts.Topics;
import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.Vendor;

/** Shared setup of the @QuarkusTest classes: catalogue, templates and devices through the admin API. */
public final class TestData {
    public static final String PROV_PASSWORD = "device-secret-1";
    private static boolean templatesLoaded;

    private TestData() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "secret");
    }

    /** Loads the golden templates as version 1 (or keeps them) and registers their models. */
    public static synchronized void templates() {
        if (templatesLoaded) {
            return; // the Quarkus app and its database live as long as the test JVM
        }
        for (Vendor v : Vendor.values()) {
            String json = GoldenFixtures.resource(v.brand() + "/template.json");
            admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200);
            var t = GoldenFixtures.template(v);
            admin().contentType(ContentType.JSON).body(Map.of("brand", t.brand(), "family", t.family(), "model", t.model(),
                            "featureKeys", t.usrKeys().phoneKeys(), "comboKeys", 0, "moduleKeys", t.usrKeys().moduleKeys(),
                            "maxModules", 2))
                    .put("/api/catalogue/models").then().statusCode(200);
        }
        templatesLoaded = true;
    }

    /** A device like the golden fixture, with its own MAC. */
    public static Map<String, Object> device(Vendor v, String mac) {
        var t = GoldenFixtures.template(v);
        return Map.of("mac", mac, "brand", t.brand(), "family", t.family(), "model", t.model(),
                "expansionModules", 1, "provPassword", PROV_PASSWORD,
                "lines", List.of(
                        Map.of("sipUser", "2001", "password", GoldenFixtures.TRICKY_PASSWORD, "registrar", "pbx.example.com",
                                "displayName", "Anna <Müller> & Co", "label", "2001"),
                        Map.of("sipUser", "2002", "authUser", "auth2002", "password", "second", "registrar", "pbx.example.com",
                                "displayName", "Front desk", "label", "Front")),
                "keys", List.of(Map.of("module", 0, "position", 0, "type", "presence", "value", "2010", "label", "Bob")),
                "settings", GoldenFixtures.SETTINGS);
    }

    public static void createDevice(Vendor v, String mac) {
        admin().contentType(ContentType.JSON).body(device(v, mac)).post("/api/devices").then().statusCode(201);
    }

    /** Reads the provisioning topic from the beginning until {@code done} accepts what was read, or times out. */
    public static List<ConsumerRecord<String, String>> readEvents(Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.PROVISIONING_EVENTS));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                c.poll(Duration.ofMillis(300)).forEach(seen::add);
                if (done.test(seen)) {
                    break;
                }
            }
        }
        return seen;
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
