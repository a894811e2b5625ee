package io.telops.provisioning.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.catalogue.CatalogueService;

/** Brands, families and models: the seed's phonetree in and out, and models one by one. */
@Path("/api/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {
    @Inject
    CatalogueService catalogue;

    @GET
    @Path("models")
    @RolesAllowed({"admin", "operator"})
    public List<CatalogueService.ModelView> models() {
        return catalogue.models();
    }

    @PUT
    @Path("models")
    @RolesAllowed("admin")
    public CatalogueService.ModelView put(CatalogueService.ModelInput in) {
        return catalogue.put(in);
    }

    @DELETE
    @Path("models/{brand}/{family}/{model}")
    @RolesAllowed("admin")
    public void delete(@PathParam("brand") String brand, @PathParam("family") String family, @PathParam("model") String model) {
        if (!catalogue.delete(brand, family, model)) {
            throw new NotFoundException("no model " + brand + "/" + family + "/" + model);
        }
    }

    /** Body: the image itself; it is served publicly at the path the tree's {@code picture} then names. */
    @PUT
    @Path("models/{brand}/{family}/{model}/picture")
    @Consumes({"image/png", "image/jpeg", "image/gif", "image/webp"})
    @RolesAllowed("admin")
    public CatalogueService.ModelView putPicture(@PathParam("brand") String brand, @PathParam("family") String family,
                                                 @PathParam("model") String model, @HeaderParam("Content-Type") String type,
                                                 byte[] picture) {
        return catalogue.putPicture(brand, family, model, Optional.ofNullable(type).map(t -> t.split(";")[0].strip()), picture);
    }

    @GET
    @Path("tree")
    @RolesAllowed({"admin", "operator"})
    public ObjectNode tree() {
        return catalogue.brandTree();
    }

    @POST
    @Path("tree")
    @RolesAllowed("admin")
    public Map<String, Integer> importTree(JsonNode tree) {
        return Map.of("models", catalogue.importTree(tree));
    }
}
