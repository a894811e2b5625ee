package io.telops.provisioning.firmware;

import java.time.Instant;

/** An uploaded image as the admin API shows it; {@code url} is the image's own URL (no authentication needed). */
public record FirmwareView(long id, String brand, String family, String model, String version, String fileName,
                           long sizeBytes, String sha256, Instant uploadedAt, String uploadedBy, String url) {
}
