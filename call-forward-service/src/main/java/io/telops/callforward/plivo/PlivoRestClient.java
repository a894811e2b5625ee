package io.telops.callforward.plivo;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The five Plivo REST endpoints the service uses, under {@code /v1/Account/{auth_id}/} with the trailing
 * slash every Plivo SDK sends. Raw responses: {@link PlivoApi} maps statuses and JSON.
 */
@RegisterRestClient(configKey = "plivo")
@RegisterProvider(PlivoBasicAuth.class)
@Path("/v1/Account/{authId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PlivoRestClient {
    @GET
    @Path("/PhoneNumber/")
    Response searchNumbers(@PathParam("authId") String authId, @QueryParam("country_iso") String countryIso,
                           @QueryParam("type") String type, @QueryParam("region") String region,
                           @QueryParam("pattern") String pattern, @QueryParam("services") String services,
                           @QueryParam("limit") int limit);

    @POST
    @Path("/PhoneNumber/{number}/")
    Response buyNumber(@PathParam("authId") String authId, @PathParam("number") String number, Map<String, Object> body);

    @DELETE
    @Path("/Number/{number}/")
    Response unrentNumber(@PathParam("authId") String authId, @PathParam("number") String number);

    @POST
    @Path("/Application/")
    Response createApplication(@PathParam("authId") String authId, Map<String, Object> body);

    @POST
    @Path("/Message/")
    Response sendMessage(@PathParam("authId") String authId, Map<String, Object> body);
}
