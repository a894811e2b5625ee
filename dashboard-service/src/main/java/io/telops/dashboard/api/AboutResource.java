package io.telops.dashboard.api;

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
        return new About("dashboard-service", "Consumes every topic into a read model and shows the live state of phones, calls, balances, trunks and devices.", List.of());
    }
}
