package io.telops.ingest.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this service is, for operators: its job and the topics it writes. */
@Path("/api/about")
@Produces(MediaType.APPLICATION_JSON)
public class AboutResource {
    public record About(String service, String job, List<String> publishes) {
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public About about() {
        return new About("event-ingest-service", "Receives Poly/Polycom phone event pushes and polls phone state; publishes normalised phone events.", List.of("telops.phone-events"));
    }
}
