package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.telops.contracts.vats.GuardOutcome;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.TrunkSnapshot;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;

/** The one telops.vats-trunks event not keyed by a trunk: sync-guard-tripped, keyed by the enterprise id. */
class VatsEventsTest {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");
    private static final SyncGuardTripped REFUSED = new SyncGuardTripped("2587417674", "run-1", AT, "schedule", 1000, 400, 600,
            0.5, GuardOutcome.REFUSED, Optional.empty(), Optional.empty());
    private static final SyncGuardTripped OVERRIDDEN = new SyncGuardTripped("2587417674", "run-2", AT, "api:admin", 1000, 0, 1000,
            0.5, GuardOutcome.OVERRIDDEN, Optional.of("admin"), Optional.of(7L));

    @Test
    void theGuardEventIsKeyedByTheEnterpriseAndATrunkEventByItsTrunk() {
        assertThat(REFUSED.key()).isEqualTo("2587417674");
        TrunkSnapshot snapshot = new TrunkSnapshot("2600000007", "2587417674", "s", 1, AT,
                new TrunkState("79161000001", Optional.empty(), true, false, true, false, true));
        assertThat(snapshot.key()).isEqualTo("2600000007");
        assertThat(VatsEventTypes.of(REFUSED)).isEqualTo(VatsEventTypes.SYNC_GUARD_TRIPPED);
        assertThat(VatsEventTypes.SYNC_GUARD_TRIPPED.type()).isEqualTo("io.telops.vats.sync-guard-tripped.v1");
        assertThat(VatsEventTypes.SYNC_GUARD_TRIPPED.topic()).isEqualTo(Topics.VATS_TRUNKS);
        assertThat(EventCatalog.byType("io.telops.vats.sync-guard-tripped.v1")).contains(VatsEventTypes.SYNC_GUARD_TRIPPED);
    }

    @Test
    void theKeyIsNotPartOfTheBody() {
        ObjectNode json = JSON.valueToTree(REFUSED);
        assertThat(json.has("key")).isFalse();
        assertThat(json.has("overriddenBy")).isFalse();
        assertThat(json.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(json.get("maxDisappearedRatio").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theSchemaWantsTheOverrideExactlyWhenOverridden() {
        JsonSchema schema = schema();
        assertThat(schema.validate(JSON.valueToTree(REFUSED))).isEmpty();
        assertThat(schema.validate(JSON.valueToTree(OVERRIDDEN))).isEmpty();

        ObjectNode overriddenWithoutWho = JSON.valueToTree(OVERRIDDEN);
        overriddenWithoutWho.remove("overriddenBy");
        assertThat(schema.validate(overriddenWithoutWho)).isNotEmpty();
        ObjectNode refusedWithAnOverride = JSON.valueToTree(REFUSED);
        refusedWithAnOverride.put("overrideId", 7);
        assertThat(schema.validate(refusedWithAnOverride)).isNotEmpty();
        ObjectNode trunkKeyed = JSON.valueToTree(REFUSED);
        trunkKeyed.remove("enterpriseId");
        assertThat(schema.validate(trunkKeyed)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void asyncapiDeclaresTheEnterpriseIdAsTheGuardEventsKey() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(Path.of("asyncapi.yaml"))) {
            doc = new Yaml().load(in);
        }
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) components.get("messages")).get("SyncGuardTripped");
        assertThat(message).containsEntry("name", VatsEventTypes.SYNC_GUARD_TRIPPED.type());
        assertThat(message.get("traits").toString()).contains("#/components/messageTraits/enterpriseIdKey")
                .doesNotContain("trunkIdKey");
        Map<String, Object> trait = (Map<String, Object>) ((Map<String, Object>) components.get("messageTraits")).get("enterpriseIdKey");
        Map<String, Object> key = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) trait.get("bindings"))
                .get("kafka")).get("key");
        assertThat((String) key.get("description")).contains("enterprise").contains("not a trunk id");
        assertThat(REFUSED.key()).matches((String) key.get("pattern"));
        Map<String, Object> channel = (Map<String, Object>) ((Map<String, Object>) doc.get("channels")).get("vatsTrunks");
        assertThat(((Map<String, Object>) channel.get("messages"))).containsKey("SyncGuardTripped");
    }

    private static JsonSchema schema() {
        InputStream in = VatsEventsTest.class.getResourceAsStream(VatsEventTypes.SYNC_GUARD_TRIPPED.schemaResource());
        assertThat(in).isNotNull();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
}
