package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** ce_ids must never change for a stored push: a replay after an upgrade has to repeat the ids already published. */
class CeIdTest {
    @Test
    void ceIdIsTheNameBasedUuidOfRawIdAndPosition() {
        for (long rawId : new long[]{1, 1_001, 987_654_321_001L, Long.MAX_VALUE}) {
            for (int index = 0; index < 70; index++) {
                UUID expected = UUID.nameUUIDFromBytes(("telops-ingest/raw/" + rawId + "/" + index).getBytes(StandardCharsets.UTF_8));
                assertThat(OutboxStore.ceId(rawId, index)).isEqualTo(expected);
                assertThat(OutboxStore.ceId(rawId, index).version()).isEqualTo(3);
            }
        }
        // a value computed before the digest was reused: stable across versions of this service
        assertThat(OutboxStore.ceId(1, 0)).isEqualTo(UUID.nameUUIDFromBytes("telops-ingest/raw/1/0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pollingNamespacesUseTheSameDerivation() {
        String name = "telops-ingest/poll/0004F214B89E/1700000000000/2";
        assertThat(OutboxStore.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
