package io.telops.dashboard.devices;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** One refused config fetch, with the reason provisioning-service gave only to operators. */
@TemplateData
public record AuthFailureView(String mac, String clientIp, Optional<String> userAgent, String fileName, String reason,
                              Instant occurredAt) {
    public String userAgentText() {
        return userAgent.orElse("—");
    }
}
