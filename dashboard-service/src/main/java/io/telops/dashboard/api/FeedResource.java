package io.telops.dashboard.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.telops.dashboard.feed.FeedQueries;

/** Read-only recent events of the call, provisioning, billing and VATS trunk topics, by CloudEvents envelope. */
@Path("/api/feed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "feed", description = "Recent events of the other topics, stored by type, key and time")
public class FeedResource {
    private static final int MAX_LIMIT = 500;
    private final FeedQueries queries;

    FeedResource(FeedQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The topics shown, with their stored event counts and newest event time")
    public List<FeedQueries.TopicView> topics() {
        return queries.topics();
    }

    @GET
    @Path("/{topic}/entities")
    @Operation(summary = "Entities (record keys) of a topic, most recently active first, with their latest event type")
    public List<FeedQueries.EntityView> entities(@PathParam("topic") String topic,
                                                 @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.entities(feedTopic(topic), RequestValues.checkLimit(limit, MAX_LIMIT));
    }

    @GET
    @Path("/{topic}/events")
    @Operation(summary = "Recent events of a topic, newest first; body is the event's JSON as published")
    public List<FeedQueries.EventView> events(@PathParam("topic") String topic,
                                              @Parameter(description = "Only this entity (record key)") @QueryParam("key") String key,
                                              @Parameter(description = "Only this ce_type") @QueryParam("type") String type,
                                              @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.recent(feedTopic(topic), RequestValues.text(key), RequestValues.text(type), RequestValues.checkLimit(limit, MAX_LIMIT));
    }

    private String feedTopic(String topic) {
        if (!queries.isFeedTopic(topic)) {
            throw new NotFoundException("topic " + topic + " is not shown here");
        }
        return topic;
    }
}
