package io.telops.deploy.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a compose file, normalised: environment as a map (from the map or the list form), published
 * ports as host/container pairs, depends_on as service to condition (service_started for the short form).
 */
public record ComposeService(String name, Optional<String> image, Optional<String> buildContext,
        Optional<String> dockerfile, Map<String, String> environment, List<PortMapping> ports,
        List<String> healthcheck, Map<String, String> dependsOn) {

    public record PortMapping(int host, int container) {
    }
}
