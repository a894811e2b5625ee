package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.telops.contracts.provisioning.AuthFailed;
import io.telops.contracts.provisioning.ProvisioningEventTypes;

/** Every refusal reason a producer can put in auth-failed is one its JSON Schema accepts, and the schema lists no other. */
class AuthFailedReasonsTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(AuthFailed.Reason.class)
    void everyReasonValidatesAgainstTheSchema(AuthFailed.Reason reason) {
        AuthFailed event = new AuthFailed("001565AABBCC", "001565aabbcc.cfg", "10.1.2.4", Optional.of("Yealink SIP-T46S"),
                reason.wire(), AT);
        JsonNode json = EventJson.mapper().valueToTree(event);
        assertThat(schema().validate(json)).as("%s", json).isEmpty();
    }

    @Test
    void theSchemaRejectsAReasonNotInTheRecord() {
        AuthFailed event = new AuthFailed("001565AABBCC", "001565aabbcc.cfg", "10.1.2.4", Optional.empty(), "bored", AT);
        assertThat(schema().validate(EventJson.mapper().valueToTree(event))).isNotEmpty();
    }

    @Test
    void theSchemaEnumIsExactlyTheRecordsReasons() {
        List<String> listed = new ArrayList<>();
        schemaJson().path("properties").path("reason").path("enum").forEach(n -> listed.add(n.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AuthFailed.Reason.values()).map(AuthFailed.Reason::wire).toList());
    }

    private static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
    }

    private static JsonNode schemaJson() {
        try (InputStream in = AuthFailedReasonsTest.class.getResourceAsStream(ProvisioningEventTypes.AUTH_FAILED.schemaResource())) {
            return EventJson.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
