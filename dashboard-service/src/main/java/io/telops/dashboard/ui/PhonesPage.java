package io.telops.dashboard.ui;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.dashboard.api.RequestValues;
import io.telops.dashboard.domain.Labelled;
import io.telops.dashboard.phone.PhoneFilter;
import io.telops.dashboard.phone.PhoneQueries;
import io.telops.dashboard.phone.PhoneState;

/** The phones: every phone in its own card with its status and five most recent logs. */
@Path("/phones")
@RolesAllowed({"admin", "operator"})
public class PhonesPage {
    static final int CARDS_PER_PAGE = 48;
    private static final List<String> STATUSES = Labelled.labels(PhoneState.class);

    private final PhoneQueries queries;
    private final Template phonesPage;

    PhonesPage(PhoneQueries queries, @Location("phones.html") Template phonesPage) {
        this.queries = queries;
        this.phonesPage = phonesPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@QueryParam("q") String q, @QueryParam("status") String status,
                                 @QueryParam("page") @DefaultValue("0") int page) {
        Optional<String> text = RequestValues.text(q);
        Optional<PhoneState> state = RequestValues.choice(status, STATUSES).map(PhoneState::fromLabel);
        PhoneFilter filter = new PhoneFilter(text, Optional.empty(), Optional.empty(), Optional.empty(), state);
        int safePage = Math.max(0, page);
        return phonesPage.data("phones", queries.search(filter, safePage, CARDS_PER_PAGE))
                .data("q", text.orElse(""))
                .data("status", state.map(PhoneState::label).orElse(""))
                .data("statuses", STATUSES)
                .data("pagerLink", PagerLink.of("/phones", "q", text.orElse(""), "status", state.map(PhoneState::label).orElse("")))
                // new phones appear live only where they belong: the first page of the unfiltered list
                .data("liveInsert", filter.isEmpty() && safePage == 0);
    }
}
