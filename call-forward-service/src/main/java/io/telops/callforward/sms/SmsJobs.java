package io.telops.callforward.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.telops.callforward.config.Mongo;

/**
 * Notification SMS waiting to be sent, in the {@code sms} collection: one job per voicemail (its id derives from
 * the RecordingID, so a repeated Record callback cannot queue a second SMS). Senders claim a job with a lease.
 */
@ApplicationScoped
public class SmsJobs {
    public enum Status { PENDING, SENDING, SENT, FAILED }

    /** Plivo's message statuses after which no other report can be true. */
    public static final List<String> FINAL_DELIVERY = List.of("delivered", "undelivered", "failed");

    public record SmsJob(String id, String lineId, String callUuid, String recordingId, String src, String dst,
                         String text, Optional<String> statusUrl, Status status, int attempts,
                         Optional<String> lastError, Optional<String> messageUuid, Optional<String> deliveryStatus) {
    }

    private final MongoCollection<Document> sms;

    SmsJobs(MongoClient client, Mongo mongo) {
        this.sms = mongo.collection(client, "sms");
    }

    /** Queues the job unless it exists; true when new. */
    public boolean enqueue(SmsJob job, Instant now) {
        try {
            sms.insertOne(new Document("_id", job.id()).append("lineId", job.lineId()).append("callUuid", job.callUuid())
                    .append("recordingId", job.recordingId()).append("src", job.src()).append("dst", job.dst())
                    .append("text", job.text()).append("statusUrl", job.statusUrl().orElse(null))
                    .append("status", Status.PENDING.name()).append("attempts", 0)
                    .append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Claims the next due job (or one whose sender's lease ran out), counting the attempt. */
    public Optional<SmsJob> claim(Instant now, Duration lease) {
        Date at = Date.from(now);
        Document d = sms.findOneAndUpdate(
                Filters.or(Filters.and(Filters.eq("status", Status.PENDING.name()), Filters.lte("nextAttemptAt", at)),
                        Filters.and(Filters.eq("status", Status.SENDING.name()), Filters.lte("leaseUntil", at))),
                Updates.combine(Updates.set("status", Status.SENDING.name()),
                        Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(d).map(SmsJobs::fromDocument);
    }

    public void sent(String id, String messageUuid, Instant now) {
        sms.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.SENT.name()),
                Updates.set("messageUuid", messageUuid), Updates.set("sentAt", Date.from(now)), Updates.unset("leaseUntil")));
    }

    public void retryLater(String id, String error, Instant next) {
        sms.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.PENDING.name()),
                Updates.set("lastError", error), Updates.set("nextAttemptAt", Date.from(next)), Updates.unset("leaseUntil")));
    }

    public void failed(String id, String error, Instant now) {
        sms.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.FAILED.name()),
                Updates.set("lastError", error), Updates.set("failedAt", Date.from(now)), Updates.unset("leaseUntil")));
    }

    /**
     * Records a delivery report for the message Plivo accepted under {@code messageUuid}; true when it changed the job.
     * Nothing changes for another message uuid, an SMS whose delivery status is already final, or one sent before
     * {@code sentSince} (the replay window: older reports could reuse a nonce that was forgotten).
     */
    public boolean delivery(String id, String messageUuid, String status, Instant sentSince) {
        return sms.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.SENT.name()),
                        Filters.eq("messageUuid", messageUuid), Filters.nin("deliveryStatus", FINAL_DELIVERY),
                        Filters.gte("sentAt", Date.from(sentSince))),
                Updates.set("deliveryStatus", status)).getModifiedCount() == 1;
    }

    public Optional<SmsJob> find(String id) {
        return Optional.ofNullable(sms.find(Filters.eq("_id", id)).first()).map(SmsJobs::fromDocument);
    }

    public List<SmsJob> findAll(Collection<String> ids) {
        return sms.find(Filters.in("_id", ids)).map(SmsJobs::fromDocument).into(new ArrayList<>());
    }

    private static SmsJob fromDocument(Document d) {
        return new SmsJob(d.getString("_id"), d.getString("lineId"), d.getString("callUuid"), d.getString("recordingId"),
                d.getString("src"), d.getString("dst"), d.getString("text"), Optional.ofNullable(d.getString("statusUrl")),
                Status.valueOf(d.getString("status")), d.getInteger("attempts", 0),
                Optional.ofNullable(d.getString("lastError")), Optional.ofNullable(d.getString("messageUuid")),
                Optional.ofNullable(d.getString("deliveryStatus")));
    }
}
