package io.telops.callforward.plivo;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.telops.callforward.call.CallbackUrls;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.config.Mongo;
import io.telops.callforward.line.LineProblem;

/**
 * The Plivo application numbers are linked to: the configured one, or one this service created (answer, hangup
 * and fallback URLs on the public base URL) and remembered in the {@code settings} collection.
 */
@ApplicationScoped
public class PlivoApplication {
    private static final String KEY = "plivo-application";
    private final CallForwardConfig config;
    private final PlivoApi api;
    private final MongoCollection<Document> settings;

    PlivoApplication(CallForwardConfig config, PlivoApi api, MongoClient client, Mongo mongo) {
        this.config = config;
        this.api = api;
        this.settings = mongo.collection(client, "settings");
    }

    public synchronized String ensure() {
        if (config.plivo().appId().isPresent()) {
            return config.plivo().appId().get();
        }
        Document known = settings.find(Filters.eq("_id", KEY)).first();
        if (known != null) {
            return known.getString("appId");
        }
        URI base = config.publicBaseUrl().orElseThrow(() -> new LineProblem(LineProblem.Kind.NOT_CONFIGURED,
                "set telops.callforward.public-base-url (or telops.callforward.plivo.app-id) before renting numbers"));
        CallbackUrls urls = new CallbackUrls(base);
        String appId = api.createApplication(config.plivo().appName(), urls.answer(), urls.hangup(), urls.fallback());
        settings.replaceOne(Filters.eq("_id", KEY), new Document("_id", KEY).append("appId", appId),
                new ReplaceOptions().upsert(true));
        return appId;
    }
}
