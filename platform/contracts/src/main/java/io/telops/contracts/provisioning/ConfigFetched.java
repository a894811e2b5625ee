package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * An authenticated phone fetched a config file. {@code status}: {@code served} (200),
 * {@code not-modified} (304 on If-None-Match), or {@code stale} (the store was unreachable and the
 * last good config was served). {@code templateVersion} is the version the file was rendered from.
 */
public record ConfigFetched(String mac, String fileName, String clientIp, Optional<String> userAgent,
                            String templateId, int templateVersion, String status, Instant occurredAt)
        implements ProvisioningEvent {
}
