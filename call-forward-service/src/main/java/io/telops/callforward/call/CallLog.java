package io.telops.callforward.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.telops.callforward.config.Mongo;
import io.telops.contracts.callforward.DialLeg;

/**
 * One document per inbound call ({@code calls}, id = Plivo CallUUID). Every write is an upsert or a set of a
 * field named after the step, so Plivo's retries rewrite the same values instead of adding new ones.
 */
@ApplicationScoped
public class CallLog {
    private final MongoCollection<Document> calls;

    CallLog(MongoClient client, Mongo mongo) {
        this.calls = mongo.collection(client, "calls");
    }

    public void received(String callUuid, Optional<String> lineId, String from, String to, Route route, Instant at) {
        calls.updateOne(Filters.eq("_id", callUuid), Updates.combine(
                Updates.setOnInsert("lineId", lineId.orElse(null)), Updates.setOnInsert("from", from),
                Updates.setOnInsert("to", to), Updates.setOnInsert("route", route.wire()),
                Updates.setOnInsert("receivedAt", Date.from(at))), new UpdateOptions().upsert(true));
    }

    public void dialled(String callUuid, String lineId, Leg leg, List<String> targets, String dialStatus,
                        Optional<String> hangupCause, Optional<String> bLeg, Instant at) {
        Document value = new Document("leg", leg.wire()).append("targets", targets).append("dialStatus", dialStatus)
                .append("hangupCause", hangupCause.orElse(null)).append("bLegUuid", bLeg.orElse(null));
        calls.updateOne(Filters.eq("_id", callUuid), Updates.combine(Updates.setOnInsert("lineId", lineId),
                Updates.set("legs." + leg.wire(), value)), new UpdateOptions().upsert(true));
        // the first report's time orders the path; a retry keeps the original time
        calls.updateOne(Filters.and(Filters.eq("_id", callUuid), Filters.exists("legAt." + leg.wire(), false)),
                Updates.set("legAt." + leg.wire(), Date.from(at)));
    }

    public void voicemail(String callUuid, String lineId, String recordingId) {
        calls.updateOne(Filters.eq("_id", callUuid), Updates.combine(Updates.setOnInsert("lineId", lineId),
                Updates.set("recordingId", recordingId)), new UpdateOptions().upsert(true));
    }

    public void hungUp(String callUuid, Optional<String> cause, int durationSeconds, Instant at) {
        calls.updateOne(Filters.eq("_id", callUuid), Updates.combine(Updates.set("hangupCause", cause.orElse(null)),
                Updates.set("durationSeconds", durationSeconds), Updates.set("endedAt", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    public Optional<Document> find(String callUuid) {
        return Optional.ofNullable(calls.find(Filters.eq("_id", callUuid)).first());
    }

    public List<Document> recent(int limit) {
        return calls.find().sort(Sorts.descending("receivedAt")).limit(limit).into(new ArrayList<>());
    }

    /** The Dial legs of a stored call, in the order Plivo reported them. */
    public static List<DialLeg> path(Document call) {
        Document legs = call.get("legs", Document.class);
        if (legs == null) {
            return List.of();
        }
        Document at = Optional.ofNullable(call.get("legAt", Document.class)).orElse(new Document());
        List<Document> ordered = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            Document d = legs.get(leg.wire(), Document.class);
            if (d != null) {
                ordered.add(new Document(d).append("at", Optional.ofNullable(at.getDate(leg.wire())).orElse(new Date(0))));
            }
        }
        ordered.sort(Comparator.comparing(d -> d.getDate("at")));
        return ordered.stream().map(d -> new DialLeg(d.getString("leg"),
                Optional.of(String.join(",", d.getList("targets", String.class))).filter(t -> !t.isEmpty()),
                d.getString("dialStatus"))).toList();
    }
}
