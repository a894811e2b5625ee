package io.telops.dashboard.ui;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.telops.dashboard.domain.DomainChange;
import io.telops.dashboard.domain.DomainLiveUpdates;

/** Server-sent events for the domain views: one JSON message per committed batch and topic, naming the changed keys. */
@Path("/ui/stream/domains")
@RolesAllowed({"admin", "operator"})
public class DomainLiveStream {
    private final DomainLiveUpdates updates;

    DomainLiveStream(DomainLiveUpdates updates) {
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<DomainChange> stream() {
        return updates.stream();
    }
}
