package io.telops.provisioning.serving;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.provisioning.phonebook.Entry;
import io.telops.provisioning.phonebook.PhonebookFormat;
import io.telops.provisioning.phonebook.PhonebookService;
import io.telops.provisioning.render.Vendor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The phonebook a phone fetches: {@code /prov/{vendor}/{mac}/phonebook.xml} (Grandstream appends {@code /phonebook.xml}
 * to the path P331 gives it), and Polycom's {@code <mac>-directory.xml} next to its config files. Both go through
 * {@link PhoneRoutes#serveDeviceFile}, so a phonebook is authenticated exactly like the device's config and an unknown
 * or unauthorised MAC gets the same uniform 401. The file lists the device's site contacts in the vendor's format.
 */
@ApplicationScoped
public class PhonebookRoutes {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{12}");
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    PhoneRoutes phoneRoutes;
    @Inject
    PhonebookService phonebooks;
    @Inject
    UploadStore uploads;
    @Inject
    FetchRecorder recorder;

    void routes(@Observes Router router) {
        // ahead of the /prov/* catch-all (PHONE_ROUTE_ORDER + 2); the two-segment config route cannot match this path
        router.route("/prov/:vendor/:mac/" + PhonebookFormat.FILE).order(PhoneRoutes.PHONE_ROUTE_ORDER - 1)
                .method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        Optional<FileRequest> req = parse(ctx.pathParam("vendor"), ctx.pathParam("mac"));
        if (req.isEmpty() || ctx.request().path().contains("..") || ctx.request().path().contains("//")) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(Buffer.buffer(NOT_FOUND));
            return;
        }
        phoneRoutes.serveDeviceFile(ctx, req.get());
    }

    /** A phonebook path, strictly: a lower-case vendor with a phonebook format served this way and a 12-hex MAC. */
    static Optional<FileRequest> parse(String vendorSegment, String mac) {
        if (vendorSegment == null || mac == null || !MAC.matcher(mac).matches() || mac.equals("000000000000")
                || !vendorSegment.equals(vendorSegment.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Vendor.forBrand(vendorSegment).filter(v -> v.brand().equals(vendorSegment))
                .flatMap(PhonebookFormat::of).filter(f -> f != PhonebookFormat.POLYCOM)
                .map(f -> new FileRequest(f.vendor(), FileRequest.Kind.PHONEBOOK, Optional.of(mac.toUpperCase(Locale.ROOT)),
                        mac.toLowerCase(Locale.ROOT) + "/" + PhonebookFormat.FILE));
    }

    /**
     * Called once the device is authenticated. Contacts are read on a worker (phones fetch a phonebook rarely, so it is
     * not cached). A phone whose site has no contacts gets 404 (a Polycom, the directory it uploaded itself if any): it
     * then keeps its own list rather than having it replaced by an empty one. Snom's general file lists the phonebook
     * for every phone, and its tbook is {@code complete="true"}, so an empty answer would wipe the phone's own list.
     */
    void serve(RoutingContext ctx, FileRequest req, ConfigCache.Entry entry, String ip, Instant now) {
        LoadedDevice d = entry.device();
        PhonebookFormat format = PhonebookFormat.of(req.vendor()).orElseThrow();
        ctx.vertx().<Optional<byte[]>>executeBlocking(() -> {
            List<Entry> entries = phonebooks.entriesForDevice(d.mac());
            if (entries.isEmpty()) {
                return format == PhonebookFormat.POLYCOM ? uploads.content(entry, "directory.xml") : Optional.<byte[]>empty();
            }
            return Optional.of(format.render(entries).body());
        }, false).onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
                return;
            }
            if (r.result().isEmpty()) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(Buffer.buffer(NOT_FOUND));
                return;
            }
            CachedFile file = CachedFile.of(new io.telops.provisioning.render.RenderedFile(r.result().get(),
                    "application/xml; charset=utf-8"), now);
            boolean notModified = file.matches(ctx.request().getHeader("If-None-Match"));
            recorder.fetched(new ConfigFetched(d.mac(), req.fileName(), ip, FetchRecorder.userAgent(ctx.request().getHeader("User-Agent")),
                    d.templateId(), d.templateVersion(), notModified ? "not-modified" : "served", now));
            var response = ctx.response().putHeader("ETag", file.etag()).putHeader("Cache-Control", "private, no-cache");
            if (notModified) {
                response.setStatusCode(304).end();
            } else {
                response.putHeader("Content-Type", file.contentType()).end(file.wire());
            }
        });
    }
}
