package io.telops.dashboard.ui;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
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
import io.telops.dashboard.feed.FeedQueries;

/** The other topics, generically: pick a topic, see its most active entities and their recent events. */
@Path("/feed")
@RolesAllowed({"admin", "operator"})
public class FeedPage {
    private final FeedQueries queries;
    private final Template feed;

    FeedPage(FeedQueries queries, @Location("feed.html") Template feed) {
        this.queries = queries;
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@QueryParam("topic") String topicParam, @QueryParam("key") String keyParam) {
        List<FeedQueries.TopicView> topics = queries.topics();
        String topic = RequestValues.text(topicParam).filter(queries::isFeedTopic).orElse(topics.get(0).topic());
        Optional<String> key = RequestValues.text(keyParam);
        return feed.data("topics", topics)
                .data("topic", topic)
                .data("key", key.orElse(""))
                .data("entities", queries.entities(topic, 50))
                .data("events", queries.recent(topic, key, Optional.empty(), 100));
    }
}
