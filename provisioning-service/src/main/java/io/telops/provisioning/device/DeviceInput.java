package io.telops.provisioning.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an operator submits for a device (create or full update). Absent passwords keep the stored ones. */
public record DeviceInput(String mac, String brand, String family, String model, Optional<String> siteId,
                          Optional<Integer> expansionModules, Optional<Integer> pinnedVersion,
                          Optional<String> provUsername, Optional<String> provPassword, Optional<String> timezone,
                          Optional<String> firmwareUrl, Optional<List<Line>> lines, Optional<List<Key>> keys,
                          Optional<Map<String, String>> settings, Optional<Boolean> enabled, Optional<Boolean> macLock) {

    public record Line(String sipUser, Optional<String> authUser, Optional<String> password, String registrar,
                       Optional<Integer> registrarPort, Optional<String> displayName, Optional<String> label) {
        @Override
        public String toString() {
            return "Line[" + sipUser + "@" + registrar + "]";
        }
    }

    public record Key(int module, int position, String type, String value, Optional<String> label, Optional<Integer> line) {
    }

    @Override
    public String toString() {
        return "DeviceInput[" + mac + " " + brand + "/" + family + "/" + model + "]";
    }
}
