package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * A phone asked for a config file that cannot be rendered: the template needs values nobody set
 * ({@code missingSettings}, placeholder names) or the result is invalid ({@code reason}). The phone got an error
 * status instead of a file; the operator has something to fix.
 */
public record ConfigRenderFailed(String mac, String fileName, String templateId, String reason,
        List<String> missingSettings, Instant occurredAt) implements ProvisioningEvent {
    public ConfigRenderFailed {
        missingSettings = List.copyOf(missingSettings);
    }
}
