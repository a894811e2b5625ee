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
import io.telops.dashboard.live.LiveUpdates;
import io.telops.dashboard.live.PhoneCardUpdate;

/** Server-sent events for open pages: the phones' rendered cards, and the domain views' changed keys. */
@Path("/ui/stream")
@RolesAllowed({"admin", "operator"})
@Produces(MediaType.SERVER_SENT_EVENTS)
@RestStreamElementType(MediaType.APPLICATION_JSON)
public class LiveStreams {
    private final LiveUpdates phones;
    private final DomainLiveUpdates domains;

    LiveStreams(LiveUpdates phones, DomainLiveUpdates domains) {
        this.phones = phones;
        this.domains = domains;
    }

    /** One message per changed phone, with its card already rendered. */
    @GET
    @Operation(hidden = true)
    public Multi<PhoneCardUpdate> phones() {
        return phones.stream();
    }

    /** One message per committed batch and topic, naming the changed keys. */
    @GET
    @Path("/domains")
    @Operation(hidden = true)
    public Multi<DomainChange> domains() {
        return domains.stream();
    }
}
