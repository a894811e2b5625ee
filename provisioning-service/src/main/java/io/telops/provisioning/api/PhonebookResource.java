package io.telops.provisioning.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.provisioning.phonebook.ContactInput;
import io.telops.provisioning.phonebook.ContactView;
import io.telops.provisioning.phonebook.PhonebookService;

/**
 * A site's shared phonebook. Contacts hold no secret and are day-to-day work, so operators may change them as
 * well as admins.
 */
@Path("/api/sites/{site}/phonebook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PhonebookResource {
    private final PhonebookService phonebooks;

    public PhonebookResource(PhonebookService phonebooks) {
        this.phonebooks = phonebooks;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<ContactView> list(@PathParam("site") String site) {
        return phonebooks.list(site);
    }

    @POST
    @RolesAllowed({"admin", "operator"})
    public Response create(@PathParam("site") String site, ContactInput in) {
        ContactView created = phonebooks.create(site, requireBody(in));
        return Response.created(URI.create("/api/sites/" + site + "/phonebook/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({"admin", "operator"})
    public ContactView update(@PathParam("site") String site, @PathParam("id") long id, ContactInput in) {
        return phonebooks.update(site, id, requireBody(in));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"admin", "operator"})
    public void delete(@PathParam("site") String site, @PathParam("id") long id) {
        phonebooks.delete(site, id);
    }

    /** CSV with a header row; one transaction: a bad row rejects the file (422 naming its line) and nothing is stored. */
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"admin", "operator"})
    public Map<String, Integer> importCsv(@PathParam("site") String site, @QueryParam("replace") @DefaultValue("false") boolean replace,
                                          String body) {
        return Map.of("imported", phonebooks.importCsv(site, body, replace));
    }

    private static ContactInput requireBody(ContactInput in) {
        if (in == null) {
            throw new IllegalArgumentException("a contact is required");
        }
        return in;
    }
}
