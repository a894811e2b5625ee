package io.telops.provisioning.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the provisioning service ({@code telops.provisioning.*}). */
@ConfigMapping(prefix = "telops.provisioning")
public interface ProvisioningConfig {
    /**
     * Base64 of a 256-bit AES key; SIP and provisioning passwords are stored encrypted with it (AES-GCM).
     * Required, except in the local run ({@code telops.local-run=true}), which uses a fixed, public key.
     */
    java.util.Optional<String> secretKey();

    /** The URL phones reach this service at, offered to templates as {PROV_SERVER} unless a settings layer sets it. */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /** Realm of the HTTP Basic and Digest challenges phones get. */
    @WithDefault("telops-provisioning")
    String authRealm();

    Throttle throttle();

    /** Phones authenticated by their TLS client certificate (see {@code serving.DeviceCertificates}). */
    ClientCert clientCert();

    interface ClientCert {
        /**
         * When true, a phone that presents a trusted client certificate naming its MAC needs no password for
         * its own files, and a certificate naming another MAC is refused like any failed authentication. The
         * HTTPS listener must request certificates ({@code quarkus.http.ssl.client-auth=request}) and trust the
         * device CAs ({@code quarkus.tls.trust-store.*}).
         */
        @WithDefault("false")
        boolean enabled();
    }

    Uploads uploads();

    /** How long an explicit unlock lets a MAC-locked device fetch from a new address. */
    @WithDefault("PT24H")
    Duration unlockWindow();

    /** A config-render-failed event and log line are written at most once per device and file within this interval. */
    @WithDefault("PT10M")
    Duration renderFailureInterval();

    /** How long a Digest nonce stays valid. */
    @WithDefault("PT5M")
    Duration nonceLifetime();

    /** How often recorded fetches and refusals are written to the store. */
    @WithDefault("1s")
    String fetchFlushInterval();

    interface Throttle {
        /** Failures one address may have for one MAC within the window before that pair is refused without checking. */
        @WithDefault("10")
        int maxFailures();

        /**
         * Failures one address may have for all MACs together within the window before it is refused for every MAC;
         * far above {@code max-failures}, so a site's NAT survives a few misconfigured phones but a scanner does not.
         */
        @WithDefault("200")
        int sourceMaxFailures();

        @WithDefault("PT1M")
        Duration window();

        @WithDefault("PT5M")
        Duration block();

        /** Addresses, and separately (address, MAC) pairs, tracked at most; the least used beyond it are forgotten. */
        @WithDefault("100000")
        int maxTracked();
    }

    Cache cache();

    interface Cache {
        /** Devices whose last good state and files are kept in memory (W-TinyLFU: phones that keep fetching stay). */
        @WithDefault("200000")
        int maxDevices();

        /** How long a MAC the store did not know is answered from memory (a device created meanwhile clears it). */
        @WithDefault("PT30S")
        Duration unknownDeviceTtl();
    }

    Firmware firmware();

    interface Firmware {
        /** Directory the disk storage keeps images in (created at start; {@code .incoming/} holds uploads in progress). */
        @WithDefault("data/firmware")
        String directory();

        /** Largest image accepted, in bytes; an upload past it gets 413 and leaves nothing behind. */
        @WithDefault("536870912")
        long maxFileBytes();
    }

    /** Re-provision on demand. */
    Resync resync();

    interface Resync {
        /**
         * A device still marked from a request younger than this is not asked again (no second event): a double click
         * or a retried call does not NOTIFY a phone twice. Older marks are renewed and published again.
         */
        @WithDefault("5m")
        Duration repeatAfter();
    }

    interface Uploads {
        @WithDefault("262144")
        int maxFileBytes();

        @WithDefault("8")
        int maxFilesPerDevice();
    }
}
