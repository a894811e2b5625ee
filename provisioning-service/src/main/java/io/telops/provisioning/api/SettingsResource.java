package io.telops.provisioning.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.telops.provisioning.settings.SettingsService;

/** The global settings layer and sites (site layer, shared provisioning credentials, allowed networks). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {
    @Inject
    SettingsService settings;

    @GET
    @Path("settings/global")
    @RolesAllowed({"admin", "operator"})
    public Map<String, String> global() {
        return settings.global();
    }

    @PUT
    @Path("settings/global")
    @RolesAllowed("admin")
    public Map<String, String> replaceGlobal(Map<String, String> values) {
        return settings.replaceGlobal(values);
    }

    @GET
    @Path("sites")
    @RolesAllowed({"admin", "operator"})
    public List<SettingsService.SiteView> sites() {
        return settings.sites();
    }

    @GET
    @Path("sites/{id}")
    @RolesAllowed({"admin", "operator"})
    public SettingsService.SiteView site(@PathParam("id") String id) {
        return settings.site(id);
    }

    @PUT
    @Path("sites/{id}")
    @RolesAllowed("admin")
    public SettingsService.SiteView putSite(@PathParam("id") String id, SettingsService.SiteInput in) {
        return settings.putSite(id, in);
    }
}
