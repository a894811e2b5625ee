package io.telops.provisioning.serving;

import java.time.Instant;
import java.util.Optional;

import io.telops.provisioning.render.DeviceView;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.Vendor;
import io.telops.security.Networks;

/**
 * Everything needed to authenticate a phone and render its files without the database: the last
 * good state of one device. Secrets are held decrypted in memory only. No allowed networks: any address.
 */
public record LoadedDevice(String mac, Vendor vendor, DeviceView view, TemplateDocument template, String templateId,
                           int templateVersion, Instant lastModified, Credentials deviceCredentials,
                           Optional<Credentials> siteCredentials, Networks allowedNetworks, boolean enabled,
                           boolean macLock, Optional<String> lockedAddress, Optional<Instant> unlockedUntil,
                           String firmwarePath) {

    /** A provisioning user name and password a phone may present. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    @Override
    public String toString() {
        return "LoadedDevice[" + mac + ", " + templateId + " v" + templateVersion + "]";
    }
}
