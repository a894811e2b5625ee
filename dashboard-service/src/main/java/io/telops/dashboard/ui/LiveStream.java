package io.telops.dashboard.ui;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.telops.dashboard.live.LiveUpdates;
import io.telops.dashboard.live.PhoneCardUpdate;

/** Server-sent events for open pages: one JSON message per changed phone, with its card already rendered. */
@Path("/ui/stream")
@RolesAllowed({"admin", "operator"})
public class LiveStream {
    private final LiveUpdates liveUpdates;

    LiveStream(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<PhoneCardUpdate> stream() {
        return liveUpdates.stream();
    }
}
