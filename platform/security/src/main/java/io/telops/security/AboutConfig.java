package io.telops.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code telops.about.*}: what {@code GET /api/about} tells operators besides the application name. */
@ConfigMapping(prefix = "telops.about")
public interface AboutConfig {
    /** The service's job in one sentence. Required, so no service ships without saying what it is. */
    String job();

    /** The topics it publishes to; absent for a service that only consumes. */
    Optional<List<String>> publishes();
}
