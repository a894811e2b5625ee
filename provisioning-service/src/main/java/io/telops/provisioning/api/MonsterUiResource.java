package io.telops.provisioning.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.catalogue.CatalogueService;
import io.telops.provisioning.device.DeviceService;

/**
 * The provisioner contract monster-ui uses ({@code monster.config.api.provisioner}): the brand tree,
 * a model's key counts, and "Allow Reprovision". The first two are public catalogue data, as they
 * were in kazoo-provision; unlocking needs an operator and the device's own account (its site).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MonsterUiResource {
    @Inject
    CatalogueService catalogue;
    @Inject
    DeviceService devices;

    @GET
    @Path("phones")
    @PermitAll
    public ObjectNode phones() {
        return catalogue.brandTree();
    }

    @GET
    @Path("ui/{brand}/{family}/{model}")
    @PermitAll
    public ObjectNode model(@PathParam("brand") String brand, @PathParam("family") String family, @PathParam("model") String model) {
        return catalogue.uiModel(brand, family, model);
    }

    @DELETE
    @Path("locks/{account}/{mac}")
    @RolesAllowed({"admin", "operator"})
    public void unlock(@PathParam("account") String account, @PathParam("mac") String mac) {
        devices.unlock(account, mac);
    }
}
