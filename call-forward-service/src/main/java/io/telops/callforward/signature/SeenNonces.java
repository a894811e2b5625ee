package io.telops.callforward.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.config.Mongo;

/**
 * Nonces of verified messaging callbacks, kept for the replay window in the {@code callback_nonces} TTL collection
 * (MongoDB deletes a document after its {@code expireAt}). V2 signs the URL and the nonce but not the body, so the
 * nonce alone tells a replayed request from a new one; the insert under the nonce as {@code _id} is the atomic claim.
 */
@ApplicationScoped
public class SeenNonces {
    public static final String COLLECTION = "callback_nonces";
    private final MongoCollection<Document> nonces;
    private final Duration window;
    private final Clock clock = Clock.systemUTC();

    SeenNonces(MongoClient client, Mongo mongo, CallForwardConfig config) {
        this.nonces = mongo.collection(client, COLLECTION);
        this.window = config.plivo().replayWindow();
    }

    /** Remembers the nonce for the window; false when it was already seen (a replay). */
    public boolean claim(String scheme, String nonce) {
        Instant now = clock.instant();
        try {
            nonces.insertOne(new Document("_id", id(scheme, nonce)).append("seenAt", Date.from(now))
                    .append("expireAt", Date.from(now.plus(window))));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Forgets a nonce whose callback failed before it changed anything, so Plivo's retry of it is not a replay. */
    public void release(String scheme, String nonce) {
        nonces.deleteOne(Filters.eq("_id", id(scheme, nonce)));
    }

    public Duration window() {
        return window;
    }

    private static String id(String scheme, String nonce) {
        return scheme + ":" + nonce;
    }
}
