package io.telops.callforward.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.telops.callforward.config.Mongo;

/** Voicemails, one per Plivo RecordingID ({@code voicemails}); a repeated Record callback inserts nothing. */
@ApplicationScoped
public class Voicemails {
    public record Voicemail(String recordingId, String lineId, String callUuid, String caller, String recordUrl,
                            int durationSeconds, Instant recordedAt, String smsId) {
    }

    private final MongoCollection<Document> voicemails;

    Voicemails(MongoClient client, Mongo mongo) {
        this.voicemails = mongo.collection(client, "voicemails");
    }

    public boolean add(Voicemail v) {
        try {
            voicemails.insertOne(new Document("_id", v.recordingId()).append("lineId", v.lineId())
                    .append("callUuid", v.callUuid()).append("caller", v.caller()).append("recordUrl", v.recordUrl())
                    .append("durationSeconds", v.durationSeconds()).append("recordedAt", Date.from(v.recordedAt()))
                    .append("smsId", v.smsId()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public List<Voicemail> ofLine(String lineId) {
        return voicemails.find(Filters.eq("lineId", lineId)).sort(Sorts.descending("recordedAt"))
                .map(d -> new Voicemail(d.getString("_id"), d.getString("lineId"), d.getString("callUuid"),
                        d.getString("caller"), d.getString("recordUrl"), d.getInteger("durationSeconds", 0),
                        d.getDate("recordedAt").toInstant(), d.getString("smsId")))
                .into(new ArrayList<>());
    }
}
