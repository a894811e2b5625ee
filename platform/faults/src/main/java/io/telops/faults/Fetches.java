package io.telops.faults;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

/**
 * The two request flows that are counted as answered or not: a Polycom phone fetching the generic boot file from
 * provisioning-service, and an operator's trunk sync against the VATS simulator (409 "already running" counts as
 * answered: another instance or the schedule is syncing).
 */
final class Fetches extends Driver {
    private final List<String> urls;
    private final String path;
    private final String adminAuth;

    private Fetches(Flow flow, List<String> urls, String path, String adminAuth, Acknowledgements acks, double perSecond) {
        super(flow, acks, perSecond);
        this.urls = urls;
        this.path = path;
        this.adminAuth = adminAuth;
    }

    static Fetches provisioning(List<String> provisioningUrls, Acknowledgements acks, double perSecond) {
        return new Fetches(Flow.PROVISIONING_FETCH, provisioningUrls, "/prov/polycom/000000000000.cfg", null, acks, perSecond);
    }

    static Fetches trunkSyncs(List<String> vatsUrls, String adminPassword, Acknowledgements acks, double perSecond) {
        return new Fetches(Flow.TRUNK_SYNC, vatsUrls, "/api/trunks/sync",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes()), acks, perSecond);
    }

    @Override
    protected int targets() {
        return urls.size();
    }

    @Override
    protected String once(int target, long n) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(target) + path)).timeout(TIMEOUT);
        if (adminAuth == null) {
            request.header("User-Agent", "FileTransport PolycomVVX-VVX_411-UA/6.4.0.1234 Type/Application").GET();
        } else {
            request.header("Authorization", adminAuth).POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<Void> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
            boolean answered = r.statusCode() / 100 == 2 || (adminAuth != null && r.statusCode() == 409);
            return answered ? Long.toString(n) : null;
        } catch (java.io.IOException e) {
            if (isRefused(e)) {
                throw new ConnectException(e.getMessage());
            }
            throw e;
        }
    }
}
