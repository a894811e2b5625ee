package io.telops.provisioning.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import io.telops.provisioning.catalogue.CatalogueService;

/** Model pictures at the paths the brand tree names; public, like the tree monster-ui shows them in. */
@Path(CatalogueService.PICTURE_PATH)
public class ModelPictureResource {
    private final CatalogueService catalogue;

    public ModelPictureResource(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Path("{file}")
    @PermitAll
    public Response picture(@PathParam("file") String file, @Context Request request) {
        CatalogueService.Picture p = catalogue.picture(file).orElseThrow(() -> new NotFoundException("no picture " + file));
        EntityTag etag = new EntityTag(sha256(p.content()));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        // stored bytes were checked to be this raster type; nosniff keeps a browser from reading them as anything else
        return Response.ok(p.content(), p.contentType()).tag(etag).cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
