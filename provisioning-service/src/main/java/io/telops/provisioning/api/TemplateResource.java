package io.telops.provisioning.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.render.UsrKeys;
import io.telops.provisioning.template.TemplateService;

/**
 * Templates in the seed's document shape. Posting a document stores a new version of
 * {@code ui/{brand}/{family}/{model}}; an exported phone config can be split into a template for review.
 */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
    @Inject
    TemplateService templates;

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<String> ids() {
        return templates.templateIds();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public TemplateService.VersionView add(JsonNode document, @QueryParam("note") String note, @Context SecurityContext sec) {
        return templates.addVersion(document, sec.getUserPrincipal().getName(), note);
    }

    @GET
    @Path("{brand}/{family}/{model}")
    @RolesAllowed({"admin", "operator"})
    public ObjectNode document(@PathParam("brand") String brand, @PathParam("family") String family,
                               @PathParam("model") String model, @QueryParam("version") Integer version) {
        return templates.document("ui/" + brand + "/" + family + "/" + model, Optional.ofNullable(version));
    }

    @GET
    @Path("{brand}/{family}/{model}/versions")
    @RolesAllowed({"admin", "operator"})
    public List<TemplateService.VersionView> versions(@PathParam("brand") String brand, @PathParam("family") String family,
                                                      @PathParam("model") String model) {
        return templates.versions("ui/" + brand + "/" + family + "/" + model);
    }

    /** Body: the config file exported from a working phone (XML or key/value text). */
    @POST
    @Path("import")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed("admin")
    public TemplateService.ImportPreview importExport(String exported, @QueryParam("brand") String brand,
                                                      @QueryParam("family") String family, @QueryParam("model") String model,
                                                      @QueryParam("phoneKeys") Integer phoneKeys,
                                                      @QueryParam("moduleKeys") Integer moduleKeys,
                                                      @QueryParam("save") @DefaultValue("false") boolean save,
                                                      @Context SecurityContext sec) {
        if (brand == null || family == null || model == null) {
            throw new IllegalArgumentException("brand, family and model are required query parameters");
        }
        Optional<UsrKeys> usrKeys = Optional.empty();
        if (phoneKeys != null || moduleKeys != null) {
            UsrKeys d = io.telops.provisioning.template.TemplateImporter.defaultUsrKeys(
                    io.telops.provisioning.render.Vendor.forBrand(brand).orElseThrow(() -> new IllegalArgumentException("unknown brand " + brand)));
            usrKeys = Optional.of(new UsrKeys(phoneKeys == null ? 0 : phoneKeys, d.phoneKeyCounter(), d.phoneKeyValue(),
                    moduleKeys == null ? 0 : moduleKeys, d.moduleKeyCounter(), d.moduleKeyValue()));
        }
        return templates.importExport(brand, family, model, exported, usrKeys, save, sec.getUserPrincipal().getName());
    }
}
