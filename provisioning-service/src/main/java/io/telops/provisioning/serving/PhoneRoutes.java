package io.telops.provisioning.serving;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telops.contracts.provisioning.AuthFailed;
import io.telops.contracts.provisioning.AuthFailed.Reason;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.render.CommonFiles;
import io.telops.provisioning.render.FanvilRenderer;
import io.telops.provisioning.render.MitelRenderer;
import io.telops.provisioning.render.PolycomRenderer;
import io.telops.provisioning.render.RenderException;
import io.telops.provisioning.render.RenderedFile;
import io.telops.provisioning.render.Vendor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The URLs phones fetch on boot: {@code /prov/{vendor}/{file}}. A warm request is answered on the
 * event loop from {@link ConfigCache} without touching PostgreSQL; a cold one loads on a worker.
 * Every refusal of a well-formed file name gets the same 401 challenge (unknown MAC, wrong or missing
 * credentials, disabled, locked, wrong address, User-Agent mismatch, throttled); an ill-formed name
 * gets 404. The reason goes only to the auth-failed event and the metrics, never to the phone. An unknown
 * MAC goes through the same credential check (against decoys) and the same throttle accounting as a known one.
 */
@ApplicationScoped
public class PhoneRoutes {
    private static final Logger LOG = Logger.getLogger(PhoneRoutes.class);
    private static final byte[] UNAUTHORIZED = "Unauthorized\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNAVAILABLE = "Service Unavailable: this phone's configuration is incomplete\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** Seconds a phone is asked to wait after an unrenderable config (most retry at their own resync period). */
    private static final String RENDER_RETRY_AFTER = "300";
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * Ahead of Quarkus' own router filters (HTTP security at -200, CORS at -300, the REST layer's auth-failure
     * and metrics-template handlers): these routes authenticate devices themselves, and in a boot storm those
     * filters were a fifth of the event loop's time per fetch while doing nothing for a phone.
     */
    static final int PHONE_ROUTE_ORDER = -10_000;

    @Inject
    ConfigCache cache;
    @Inject
    DeviceConfigLoader loader;
    @Inject
    DeviceAuthenticator authenticator;
    @Inject
    FailureThrottle throttle;
    @Inject
    FetchRecorder recorder;
    @Inject
    UploadStore uploads;
    @Inject
    ProvisioningConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    RenderFailures renderFailures;
    @Inject
    PhonebookRoutes phonebooks;

    private Counter served;
    private Counter refused;
    private Counter staleServed;
    private Counter certificateLogins;
    /** Mitel/Aastra {@code aastra.cfg} and the Polycom boot file: the same for every phone, built once. */
    private CachedFile mitelCommon;
    private CachedFile polycomCommon;
    private CachedFile yealinkCommon;
    private CachedFile snomGeneral;
    private CachedFile grandstreamGeneric;
    private CachedFile fanvilCommon;

    void routes(@Observes Router router) {
        served = metrics.counter("telops_provisioning_configs_served_total");
        refused = metrics.counter("telops_provisioning_fetches_refused_total");
        staleServed = metrics.counter("telops_provisioning_stale_configs_served_total");
        certificateLogins = metrics.counter("telops_provisioning_certificate_authentications_total");
        mitelCommon = CachedFile.of(MitelRenderer.commonFile(URI.create(config.publicUrl())), Instant.EPOCH);
        polycomCommon = CachedFile.of(PolycomRenderer.bootFile(Optional.empty(), "sip.ld"), Instant.EPOCH);
        URI publicUrl = URI.create(config.publicUrl());
        yealinkCommon = CachedFile.of(CommonFiles.yealinkCommon(publicUrl), Instant.EPOCH);
        snomGeneral = CachedFile.of(CommonFiles.snomGeneral(publicUrl), Instant.EPOCH);
        grandstreamGeneric = CachedFile.of(CommonFiles.grandstreamGeneric(publicUrl), Instant.EPOCH);
        fanvilCommon = CachedFile.of(FanvilRenderer.commonFile(publicUrl), Instant.EPOCH);
        router.route(HttpMethod.PUT, "/prov/:vendor/:file").order(PHONE_ROUTE_ORDER)
                .handler(BodyHandler.create().setBodyLimit(config.uploads().maxFileBytes() * 4L).setHandleFileUploads(false))
                .handler(this::handle);
        router.route("/prov/:vendor/:file").order(PHONE_ROUTE_ORDER + 1).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::handle);
        router.route("/prov/*").order(PHONE_ROUTE_ORDER + 2).handler(ctx -> notFound(ctx));
    }

    void handle(RoutingContext ctx) {
        boolean put = ctx.request().method() == HttpMethod.PUT;
        Optional<FileRequest> parsed = FileRequest.parse(ctx.pathParam("vendor"), ctx.pathParam("file"), put);
        if (parsed.isEmpty() || ctx.request().path().contains("..") || ctx.request().path().contains("//")) {
            notFound(ctx);
            return;
        }
        FileRequest req = parsed.get();
        if (req.kind() == FileRequest.Kind.GENERIC) {
            serveGeneric(ctx, req);
            return;
        }
        serveDeviceFile(ctx, req);
    }

    /** A device's own file: throttle, cache or load, then the one uniform authentication of every such file. */
    void serveDeviceFile(RoutingContext ctx, FileRequest req) {
        String ip = clientIp(ctx);
        Instant now = Instant.now();
        String mac = req.mac().orElseThrow();
        if (throttle.isBlocked(ip, mac, now)) {
            metrics.counter("telops_provisioning_throttled_total").increment();
            deny(ctx, now);
            return;
        }
        Optional<ConfigCache.Entry> warm = cache.fresh(mac);
        if (warm.isPresent()) {
            continueWith(ctx, req, warm.get(), false, ip, now);
            return;
        }
        if (cache.knownUnknown(mac)) {
            refuseUnknown(ctx, req, ip, now);
            return;
        }
        long generation = cache.generation();
        ctx.vertx().<Optional<LoadedDevice>>executeBlocking(() -> loader.load(mac), false).onComplete(result -> {
            if (result.succeeded()) {
                Optional<LoadedDevice> loaded = result.result();
                if (loaded.isEmpty()) {
                    cache.markUnknown(mac, generation);
                    refuseUnknown(ctx, req, ip, now);
                } else {
                    continueWith(ctx, req, cache.put(loaded.get(), generation), false, ip, now);
                }
                return;
            }
            Optional<ConfigCache.Entry> last = cache.lastGood(mac);
            LOG.warnf("device store unavailable for %s: %s%s", mac, result.cause().getClass().getSimpleName(),
                    last.isPresent() ? " (serving the last good config)" : "");
            if (last.isPresent()) {
                continueWith(ctx, req, last.get(), true, ip, now);
            } else {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").putHeader("Content-Type", "text/plain")
                        .end("Service Unavailable\n");
            }
        });
    }

    private void continueWith(RoutingContext ctx, FileRequest req, ConfigCache.Entry entry, boolean stale, String ip, Instant now) {
        LoadedDevice d = entry.device();
        Optional<Reason> reason = refusal(ctx, entry, ip, now);
        if (reason.isPresent()) {
            fail(ctx, req, ip, now, reason.get());
            return;
        }
        String userAgent = ctx.request().getHeader("User-Agent");
        if (req.kind() == FileRequest.Kind.UPLOAD) {
            acceptUpload(ctx, req, d.mac());
            return;
        }
        if (req.kind() == FileRequest.Kind.UPLOADED) {
            serveUpload(ctx, req, entry);
            return;
        }
        if (req.kind() == FileRequest.Kind.PHONEBOOK) {
            phonebooks.serve(ctx, req, entry, ip, now);
            return;
        }
        if (d.macLock() && entry.lockedAddress().isEmpty()) {
            entry.lockTo(ip); // persisted by the fetch recorder
        }
        CachedFile file;
        try {
            file = entry.file(req.kind().name(), () -> CachedFile.of(render(req, d), d.lastModified()));
        } catch (RenderException e) {
            // 503, not 404: a 404 makes Yealink and Grandstream fall through to their generic files and boot without
            // accounts; every vendor treats 5xx as "try later" and keeps its running config
            renderFailures.failed(d, req.fileName(), e, now);
            ctx.response().setStatusCode(503).putHeader("Retry-After", RENDER_RETRY_AFTER)
                    .putHeader("Content-Type", "text/plain").end(Buffer.buffer(UNAVAILABLE));
            return;
        }
        boolean notModified = file.matches(ctx.request().getHeader("If-None-Match"));
        String status = stale ? "stale" : notModified ? "not-modified" : "served";
        recorder.fetched(new ConfigFetched(d.mac(), req.fileName(), ip, FetchRecorder.userAgent(userAgent), d.templateId(),
                d.templateVersion(), status, now));
        (stale ? staleServed : served).increment();
        var response = ctx.response()
                .putHeader("ETag", file.etag())
                .putHeader("Last-Modified", file.lastModifiedHttp())
                .putHeader("Cache-Control", "private, no-cache");
        if (notModified) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader("Content-Type", file.contentType()).end(file.wire());
    }

    /** Why this request must be refused, or empty. Checks everything, in a fixed order. */
    private Optional<Reason> refusal(RoutingContext ctx, ConfigCache.Entry entry, String ip, Instant now) {
        LoadedDevice d = entry.device();
        Optional<Reason> unauthenticated = authentication(ctx, d.mac(), Optional.of(d), now);
        if (unauthenticated.isPresent()) {
            return unauthenticated;
        }
        if (!d.enabled()) {
            return Optional.of(Reason.DISABLED);
        }
        if (!d.allowedNetworks().isEmpty() && !d.allowedNetworks().contains(ip)) {
            return Optional.of(Reason.ADDRESS_NOT_ALLOWED);
        }
        Optional<String> uaMac = d.vendor().macInUserAgent(ctx.request().getHeader("User-Agent"));
        if (uaMac.isPresent() && !uaMac.get().equals(d.mac())) {
            return Optional.of(Reason.USER_AGENT_MISMATCH);
        }
        if (d.macLock() && entry.lockedAddress().isPresent() && !entry.lockedAddress().get().equals(ip)
                && d.unlockedUntil().map(u -> u.isBefore(now)).orElse(true)) {
            return Optional.of(Reason.MAC_LOCKED);
        }
        return Optional.empty();
    }

    /**
     * The certificate or credential check, done the same way whether the MAC exists or not: an unknown MAC's
     * credentials are checked against decoys, so its refusal costs the same and is counted the same.
     */
    private Optional<Reason> authentication(RoutingContext ctx, String mac, Optional<LoadedDevice> device, Instant now) {
        Optional<X509Certificate> certificate = config.clientCert().enabled()
                ? DeviceCertificates.presented(ctx.request()) : Optional.empty();
        if (certificate.isPresent()) {
            // a trusted certificate stands for the device it names, and for no other: credentials cannot override it
            if (!DeviceCertificates.mac(certificate.get()).filter(mac::equals).isPresent()) {
                return Optional.of(Reason.CERTIFICATE_MISMATCH);
            }
            if (device.isEmpty()) {
                return Optional.of(Reason.UNKNOWN_DEVICE);
            }
            certificateLogins.increment();
            return Optional.empty();
        }
        DeviceAuthenticator.Presented presented = DeviceAuthenticator.parse(ctx.request().getHeader("Authorization"));
        if (presented instanceof DeviceAuthenticator.NoCredentials) {
            return Optional.of(Reason.NO_CREDENTIALS);
        }
        boolean verified = authenticator.verify(presented, device.map(LoadedDevice::deviceCredentials),
                device.flatMap(LoadedDevice::siteCredentials), ctx.request().method().name(), ctx.request().uri(), now);
        if (device.isEmpty()) {
            return Optional.of(Reason.UNKNOWN_DEVICE);
        }
        return verified ? Optional.empty() : Optional.of(Reason.BAD_CREDENTIALS);
    }

    private RenderedFile render(FileRequest req, LoadedDevice d) {
        if (req.kind() == FileRequest.Kind.BOOT) {
            return d.vendor() == Vendor.YEALINK ? CommonFiles.yealinkBoot(d.mac())
                    : PolycomRenderer.bootFile(Optional.of(d.mac()), d.firmwarePath());
        }
        return d.vendor().renderer().render(d.template(), d.view());
    }

    private void acceptUpload(RoutingContext ctx, FileRequest req, String mac) {
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        ctx.vertx().executeBlocking(() -> {
            uploads.store(mac, req.fileName().substring(13), bytes);
            return null;
        }, false).onComplete(r -> {
            if (r.succeeded()) {
                cache.uploadStored(mac);
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
            }
        });
    }

    /** Polycom reads its own uploads back at boot ({@code <mac>-phone.cfg}, {@code -web.cfg}): what it stored, else 404. */
    private void serveUpload(RoutingContext ctx, FileRequest req, ConfigCache.Entry entry) {
        String name = req.fileName().substring(13);
        if (entry.uploads().filter(names -> !names.contains(name)).isPresent()) {
            notFound(ctx); // known not uploaded: no worker, no query
            return;
        }
        ctx.vertx().executeBlocking(() -> uploads.content(entry, name), false).onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
            } else if (r.result().isEmpty()) {
                notFound(ctx);
            } else {
                ctx.response().putHeader("Content-Type", "application/xml").putHeader("Cache-Control", "no-store")
                        .end(Buffer.buffer(r.result().get()));
            }
        });
    }

    private void serveGeneric(RoutingContext ctx, FileRequest req) {
        CachedFile cached = switch (req.vendor()) {
            case POLYCOM -> polycomCommon;
            case MITEL -> mitelCommon;
            case YEALINK -> yealinkCommon;
            case SNOM -> snomGeneral;
            case GRANDSTREAM -> grandstreamGeneric;
            case FANVIL -> fanvilCommon;
            case CISCO -> throw new IllegalStateException("Cisco has no generic file");
        };
        if (cached.matches(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).putHeader("ETag", cached.etag()).end();
            return;
        }
        ctx.response().putHeader("ETag", cached.etag()).putHeader("Content-Type", cached.contentType())
                .end(cached.wire());
    }

    private void refuseUnknown(RoutingContext ctx, FileRequest req, String ip, Instant now) {
        fail(ctx, req, ip, now, authentication(ctx, req.mac().orElseThrow(), Optional.empty(), now).orElseThrow());
    }

    private void fail(RoutingContext ctx, FileRequest req, String ip, Instant now, Reason reason) {
        refused.increment();
        // a missing Authorization is the normal first step of a challenge, for any MAC: neither counted nor reported
        boolean counted = reason != Reason.NO_CREDENTIALS;
        String mac = req.mac().orElseThrow();
        boolean blockStarted = counted && throttle.recordFailure(ip, mac, now);
        if (counted) {
            recorder.refused(new AuthFailed(mac, req.fileName(), ip, FetchRecorder.userAgent(ctx.request().getHeader("User-Agent")),
                    (blockStarted ? Reason.THROTTLED : reason).wire(), now));
        }
        deny(ctx, now);
    }

    private void deny(RoutingContext ctx, Instant now) {
        var response = ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain");
        for (String challenge : authenticator.challenges(now)) {
            response.headers().add("WWW-Authenticate", challenge);
        }
        response.end(Buffer.buffer(UNAUTHORIZED));
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(Buffer.buffer(NOT_FOUND));
    }

    private static String clientIp(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
