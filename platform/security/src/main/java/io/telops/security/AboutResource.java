package io.telops.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What this service is, for operators: its name, its job and the topics it writes ({@link AboutConfig}). */
@Path("/api/about")
@Produces(MediaType.APPLICATION_JSON)
public class AboutResource {
    public record About(String service, String job, List<String> publishes) {
    }

    private final About about;

    AboutResource(@ConfigProperty(name = "quarkus.application.name") String service, AboutConfig config) {
        this.about = new About(service, config.job(), config.publishes().orElse(List.of()));
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public About about() {
        return about;
    }
}
