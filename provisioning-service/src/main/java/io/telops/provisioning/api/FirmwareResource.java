package io.telops.provisioning.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.provisioning.firmware.FirmwareCatalogue;
import io.telops.provisioning.firmware.FirmwarePins;
import io.telops.provisioning.firmware.FirmwareStorage;
import io.telops.provisioning.firmware.FirmwareView;
import io.telops.provisioning.firmware.ModelRef;
import io.telops.provisioning.serving.FirmwareRoutes;

/**
 * Firmware images and pins. The upload itself is {@code PUT /api/firmware/upload/...} ({@code firmware.FirmwareUpload},
 * a streaming route); this resource lists, deletes and pins.
 */
@Path("/api/firmware")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FirmwareResource {
    private final FirmwareCatalogue catalogue;
    private final FirmwarePins pins;
    private final FirmwareStorage storage;
    private final FirmwareRoutes routes;

    public FirmwareResource(FirmwareCatalogue catalogue, FirmwarePins pins, FirmwareStorage storage, FirmwareRoutes routes) {
        this.catalogue = catalogue;
        this.pins = pins;
        this.storage = storage;
        this.routes = routes;
    }

    /** The version to pin. */
    public record PinRequest(String version) {
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<FirmwareView> list(@QueryParam("brand") String brand, @QueryParam("family") String family,
                                   @QueryParam("model") String model) {
        Optional<ModelRef> of = brand == null && family == null && model == null ? Optional.empty()
                : Optional.of(ModelRef.parse(brand, family, model));
        return catalogue.list(of);
    }

    @GET
    @Path("{id: [0-9]+}")
    @RolesAllowed({"admin", "operator"})
    public FirmwareView get(@PathParam("id") long id) {
        return catalogue.get(id);
    }

    /** Removes an image that nothing pins: its row, then its bytes (a pinned one: 409). */
    @DELETE
    @Path("{id: [0-9]+}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") long id) {
        FirmwareCatalogue.Deleted deleted = catalogue.delete(id);
        routes.forget(deleted.sha256());
        storage.delete(deleted.storageKey()).toCompletionStage().toCompletableFuture().join();
        return Response.noContent().build();
    }

    @GET
    @Path("pins")
    @RolesAllowed({"admin", "operator"})
    public List<FirmwarePins.Pin> pins() {
        return pins.list();
    }

    @PUT
    @Path("pins/models/{brand}/{family}/{model}")
    @RolesAllowed("admin")
    public FirmwarePins.Pin pinModel(@PathParam("brand") String brand, @PathParam("family") String family,
                                     @PathParam("model") String model, PinRequest body) {
        return pins.pinModel(ModelRef.parse(brand, family, model), version(body));
    }

    @DELETE
    @Path("pins/models/{brand}/{family}/{model}")
    @RolesAllowed("admin")
    public Response unpinModel(@PathParam("brand") String brand, @PathParam("family") String family,
                               @PathParam("model") String model) {
        pins.unpinModel(ModelRef.parse(brand, family, model));
        return Response.noContent().build();
    }

    @PUT
    @Path("pins/devices/{mac}")
    @RolesAllowed("admin")
    public FirmwarePins.Pin pinDevice(@PathParam("mac") String mac, PinRequest body) {
        return pins.pinDevice(mac, version(body));
    }

    @DELETE
    @Path("pins/devices/{mac}")
    @RolesAllowed("admin")
    public Response unpinDevice(@PathParam("mac") String mac) {
        pins.unpinDevice(mac);
        return Response.noContent().build();
    }

    private static String version(PinRequest body) {
        if (body == null || body.version() == null || body.version().isBlank()) {
            throw new IllegalArgumentException("version is required");
        }
        return body.version();
    }
}
