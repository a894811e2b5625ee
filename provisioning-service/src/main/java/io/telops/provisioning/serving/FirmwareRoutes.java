package io.telops.provisioning.serving;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.firmware.ByteRange;
import io.telops.provisioning.firmware.FirmwareCatalogue;
import io.telops.provisioning.firmware.FirmwareCatalogue.Stored;
import io.telops.provisioning.firmware.FirmwareStorage;
import io.telops.provisioning.firmware.FirmwareUrls;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Firmware images for phones: {@code /prov/firmware/{sha256}/{any file name}}, GET and HEAD, without authentication.
 * Images are the vendors' public binaries and many phones fetch them without the provisioning credentials (Grandstream
 * and Mitel build the name themselves, Snom follows a settings document); the path names the SHA-256, so it cannot be
 * guessed and never changes meaning. No MAC is involved, so nothing here can tell a phone which MACs exist. ETag is the
 * checksum; If-None-Match, one Range (206/416) and If-Range are honoured; the bytes go out with {@code sendFile}.
 */
@ApplicationScoped
public class FirmwareRoutes {
    private static final Logger LOG = Logger.getLogger(FirmwareRoutes.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()+-]{0,127}");
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);

    private final FirmwareCatalogue catalogue;
    private final FirmwareStorage storage;
    private final URI publicUrl;
    private final Counter served;
    /** Checksum -> image (or its absence), so a boot storm of firmware fetches does not query PostgreSQL each time. */
    private final Cache<String, Optional<Stored>> known = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    FirmwareRoutes(FirmwareCatalogue catalogue, FirmwareStorage storage, ProvisioningConfig config, MeterRegistry metrics) {
        this.catalogue = catalogue;
        this.storage = storage;
        this.publicUrl = URI.create(config.publicUrl());
        this.served = metrics.counter("telops_provisioning_firmware_served_total");
    }

    void routes(@Observes Router router) {
        // ahead of PhoneRoutes' /prov/* 404 and, like it, of Quarkus' security and metrics filters
        router.route("/prov/firmware/:sha/:file").order(PhoneRoutes.PHONE_ROUTE_ORDER - 1).method(HttpMethod.GET)
                .method(HttpMethod.HEAD).handler(this::handle);
    }

    /** Forgets an image at once (deleted), instead of within the cache's 30 s. */
    public void forget(String sha256) {
        known.invalidate(sha256);
    }

    void handle(RoutingContext ctx) {
        String sha = ctx.pathParam("sha");
        String file = ctx.pathParam("file");
        if (!SHA256.matcher(sha).matches() || !FILE.matcher(file).matches()) {
            notFound(ctx);
            return;
        }
        Optional<Stored> cached = known.getIfPresent(sha);
        if (cached != null) {
            answer(ctx, cached, file);
            return;
        }
        ctx.vertx().executeBlocking(() -> catalogue.bySha256(sha), false).onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
                return;
            }
            known.put(sha, r.result());
            answer(ctx, r.result(), file);
        });
    }

    private void answer(RoutingContext ctx, Optional<Stored> image, String file) {
        if (image.isEmpty()) {
            notFound(ctx);
            return;
        }
        Stored s = image.get();
        if (file.equals(FirmwareUrls.SNOM_SETTINGS)) {
            ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").putHeader("Cache-Control", "no-cache")
                    .end(FirmwareUrls.snomSettings(FirmwareUrls.image(publicUrl, s.sha256(), s.fileName())));
            return;
        }
        String etag = "\"" + s.sha256() + "\"";
        HttpServerResponse response = ctx.response().putHeader("ETag", etag).putHeader("Accept-Ranges", "bytes")
                .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(s.uploadedAt().atOffset(ZoneOffset.UTC)))
                .putHeader("Cache-Control", "public, max-age=86400");
        if (IfNoneMatch.matches(ctx.request().getHeader("If-None-Match"), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        String ifRange = ctx.request().getHeader("If-Range");
        ByteRange range = ifRange != null && !ifRange.strip().equals(etag) ? new ByteRange.Whole()
                : ByteRange.parse(ctx.request().getHeader("Range"), s.sizeBytes());
        response.putHeader("Content-Type", "application/octet-stream").putHeader("X-Content-Type-Options", "nosniff");
        long offset = 0;
        long length = s.sizeBytes();
        if (range instanceof ByteRange.Unsatisfiable u) {
            response.setStatusCode(416).putHeader("Content-Range", u.contentRange(s.sizeBytes())).end();
            return;
        }
        if (range instanceof ByteRange.Part p) {
            response.setStatusCode(206).putHeader("Content-Range", p.contentRange(s.sizeBytes()));
            offset = p.first();
            length = p.length();
        }
        served.increment();
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Long.toString(length)).end();
            return;
        }
        storage.send(response, s.storageKey(), offset, length).onFailure(e -> {
            LOG.warnf("firmware %s cannot be sent: %s", s.sha256(), e.getMessage());
            if (!response.headWritten()) {
                response.setStatusCode(503).putHeader("Retry-After", "30").end();
            } else {
                ctx.request().connection().close();
            }
        });
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(Buffer.buffer(NOT_FOUND));
    }
}
