package io.telops.provisioning.firmware;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Firmware uploads ({@code telops.provisioning.firmware.*}). */
@ConfigMapping(prefix = "telops.provisioning.firmware")
public interface FirmwareConfig {
    /** Directory the disk storage keeps images in (created at start; {@code .incoming/} holds uploads in progress). */
    @WithDefault("data/firmware")
    String directory();

    /** Largest image accepted, in bytes; an upload past it gets 413 and leaves nothing behind. */
    @WithDefault("536870912")
    long maxFileBytes();
}
