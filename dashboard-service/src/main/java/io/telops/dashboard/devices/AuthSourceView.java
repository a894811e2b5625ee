package io.telops.dashboard.devices;

import java.time.Instant;

import io.quarkus.qute.TemplateData;

/**
 * Refused fetches of MACs that are no (live) device, per client address: someone guessing MACs shows up as one
 * address with many MACs, not as a flood of device rows.
 */
@TemplateData
public record AuthSourceView(String clientIp, long failures, long distinctMacs, Instant lastAt, String lastMac,
                             String lastReason) {
}
