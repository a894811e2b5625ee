package io.telops.provisioning.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.contracts.MacAddress;
import io.telops.provisioning.device.DeviceCsvImporter;
import io.telops.provisioning.device.DeviceInput;
import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.device.DeviceView;
import io.telops.provisioning.serving.DeviceConfigLoader;
import io.telops.provisioning.serving.LoadedDevice;
import io.telops.provisioning.serving.UploadStore;
import io.telops.provisioning.settings.SettingsLayers;

/** Devices: CRUD, CSV import, unlock, effective settings, a rendered preview and what the phone uploaded. */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {
    @Inject
    DeviceService devices;
    @Inject
    DeviceCsvImporter csv;
    @Inject
    DeviceConfigLoader loader;
    @Inject
    UploadStore uploads;

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<DeviceView> list(@QueryParam("site") String site) {
        return devices.list(Optional.ofNullable(site));
    }

    @GET
    @Path("{mac}")
    @RolesAllowed({"admin", "operator"})
    public DeviceView get(@PathParam("mac") String mac) {
        return devices.get(mac);
    }

    @POST
    @RolesAllowed("admin")
    public Response create(DeviceInput in) {
        DeviceView created = devices.create(in);
        return Response.status(201).header("Location", "/api/devices/" + created.mac()).entity(created).build();
    }

    @PUT
    @Path("{mac}")
    @RolesAllowed("admin")
    public DeviceView update(@PathParam("mac") String mac, DeviceInput in) {
        return devices.update(mac, in);
    }

    @DELETE
    @Path("{mac}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("mac") String mac) {
        devices.delete(mac);
        return Response.noContent().build();
    }

    @POST
    @Path("{mac}/unlock")
    @RolesAllowed({"admin", "operator"})
    public DeviceView unlock(@PathParam("mac") String mac) {
        return devices.unlock(mac);
    }

    /** A new admin password for the phone, shown in this answer only; the phone gets it with its next config. */
    @POST
    @Path("{mac}/admin-password")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Map<String, String> regenerateAdminPassword(@PathParam("mac") String mac) {
        return Map.of("adminPassword", devices.regenerateAdminPassword(mac));
    }

    /**
     * Each effective setting with the layer it came from (default, generated, global, site, model, device); a
     * placeholder the template needs and nothing sets is listed with layer {@code MISSING} and no value.
     */
    @GET
    @Path("{mac}/effective-settings")
    @RolesAllowed({"admin", "operator"})
    public Map<String, SettingsLayers.Effective> effective(@PathParam("mac") String mac) {
        return new TreeMap<>(devices.effectiveSettings(mac));
    }

    /** The per-phone file as the phone would get it; it holds SIP passwords, so admins only. */
    @GET
    @Path("{mac}/config")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("admin")
    public String preview(@PathParam("mac") String mac) {
        LoadedDevice d = loader.load(normalise(mac)).orElseThrow(() -> new NotFoundException("no device " + mac));
        return d.vendor().renderer().render(d.template(), d.view()).text();
    }

    @GET
    @Path("{mac}/uploads")
    @RolesAllowed({"admin", "operator"})
    public List<UploadStore.UploadInfo> uploads(@PathParam("mac") String mac) {
        return uploads.list(normalise(mac));
    }

    /**
     * One file a phone uploaded (Polycom {@code <mac>-phone.cfg}, logs...), as stored. Admins only: a phone's local
     * override file can hold passwords typed on the phone.
     */
    @GET
    @Path("{mac}/uploads/{file}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed("admin")
    public Response upload(@PathParam("mac") String mac, @PathParam("file") String file) {
        byte[] content = uploads.content(normalise(mac), file).orElseThrow(() -> new NotFoundException("no upload " + file));
        return Response.ok(content).header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment").build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed("admin")
    public List<DeviceCsvImporter.Outcome> importCsv(String body) {
        return csv.importCsv(body);
    }

    private static String normalise(String mac) {
        try {
            return MacAddress.normalise(mac);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no device " + mac);
        }
    }
}
