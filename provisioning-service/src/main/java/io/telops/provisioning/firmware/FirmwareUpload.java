package io.telops.provisioning.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.telops.events.RouteAnswers;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.device.DeviceService.ConflictException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /api/firmware/upload/{brand}/{family}/{model}/{version}/{file}}: the raw image as the body, streamed to
 * {@link FirmwareStorage} while its SHA-256 and size are computed, so an image never sits in the heap. A Vert.x route
 * rather than a REST method: it runs ahead of Quarkus' global body limit ({@code quarkus.http.limits.max-body-size},
 * 1M here, for the JSON API) and applies {@code telops.provisioning.firmware.max-file-bytes} instead. Admins only, by the
 * HTTP permission {@code firmware-upload} in application.properties, checked again here. Past the limit: 413, the
 * partial blob removed and no row written.
 */
@ApplicationScoped
public class FirmwareUpload {
    public static final String PATH = "/api/firmware/upload/:brand/:family/:model/:version/:file";
    private static final Logger LOG = Logger.getLogger(FirmwareUpload.class);
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()+-]{0,127}");

    private final FirmwareStorage storage;
    private final FirmwareCatalogue catalogue;
    private final ProvisioningConfig.Firmware config;
    private final RouteAnswers answers;

    FirmwareUpload(FirmwareStorage storage, FirmwareCatalogue catalogue, ProvisioningConfig config, ObjectMapper json) {
        this.storage = storage;
        this.catalogue = catalogue;
        this.config = config.firmware();
        this.answers = new RouteAnswers(json);
    }

    void routes(@Observes Router router) {
        router.route(HttpMethod.PUT, PATH)
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::upload);
    }

    void upload(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous() || !identity.hasRole("admin")) {
            answers.refuse(ctx, identity == null || identity.isAnonymous() ? 401 : 403, "firmware uploads are for admins");
            return;
        }
        ModelRef model;
        String version = ctx.pathParam("version");
        String file = ctx.pathParam("file");
        try {
            model = ModelRef.parse(ctx.pathParam("brand"), ctx.pathParam("family"), ctx.pathParam("model"));
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("version must be 1-64 letters, digits, '.', '_', '+' or '-'");
            }
            if (!FILE.matcher(file).matches() || file.equals(FirmwareUrls.SNOM_SETTINGS)) {
                throw new IllegalArgumentException("file must be 1-128 letters, digits, '.', '_', '(', ')', '+' or '-'");
            }
        } catch (IllegalArgumentException e) {
            answers.refuse(ctx, 422, e.getMessage());
            return;
        }
        long max = config.maxFileBytes();
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > max) {
            answers.refuse(ctx, 413, "the image is larger than " + max + " bytes (telops.provisioning.firmware.max-file-bytes)");
            return;
        }
        HttpServerRequest request = ctx.request();
        request.pause();
        String uploader = identity.getPrincipal().getName();
        ctx.vertx().executeBlocking(() -> catalogue.exists(model, version), false)
                .onFailure(e -> answers.refuse(ctx, 503, "the firmware catalogue is unavailable"))
                .onSuccess(exists -> {
                    if (exists) {
                        answers.refuse(ctx, 409, FirmwareCatalogue.conflict(model, version).getMessage());
                        return;
                    }
                    storage.create().onFailure(e -> {
                        LOG.warnf("firmware storage refused a new upload: %s", e.getMessage());
                        answers.refuse(ctx, 503, "the firmware storage is unavailable");
                    }).onSuccess(writer -> receive(ctx, writer, new Target(model, version, file, uploader), max));
                });
    }

    private record Target(ModelRef model, String version, String file, String uploader) {
    }

    private void receive(RoutingContext ctx, FirmwareStorage.BlobWriter writer, Target target, long max) {
        HttpServerRequest request = ctx.request();
        MessageDigest sha = sha256();
        long[] size = {0};
        boolean[] finished = {false};
        request.handler(chunk -> {
            if (finished[0]) {
                return;
            }
            size[0] += chunk.length();
            if (size[0] > max) {
                finished[0] = true;
                writer.abort();
                answers.refuse(ctx, 413, "the image is larger than " + max + " bytes (telops.provisioning.firmware.max-file-bytes)");
                return;
            }
            sha.update(chunk.getBytes()); // one chunk (a few KiB) at a time
            writer.stream().write(chunk);
            if (writer.stream().writeQueueFull()) {
                request.pause();
                writer.stream().drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> {
            if (!finished[0]) {
                finished[0] = true;
                writer.abort();
                LOG.infof("firmware upload cut off: %s", e.getMessage());
            }
        });
        request.endHandler(v -> {
            if (finished[0]) {
                return;
            }
            finished[0] = true;
            String checksum = HexFormat.of().formatHex(sha.digest());
            writer.commit().onFailure(e -> {
                writer.abort();
                answers.refuse(ctx, 503, "the firmware storage did not keep the image");
            }).onSuccess(key -> ctx.vertx().executeBlocking(() -> catalogue.record(new FirmwareCatalogue.Upload(target.model(),
                    target.version(), target.file(), key, size[0], checksum, target.uploader())), false).onComplete(r -> {
                        if (r.succeeded()) {
                            ctx.response().putHeader("Location", "/api/firmware/" + r.result().id());
                            answers.json(ctx, 201, r.result());
                            return;
                        }
                        storage.delete(key);
                        if (r.cause() instanceof ConflictException c) {
                            answers.refuse(ctx, 409, c.getMessage());
                        } else {
                            LOG.warnf("firmware upload not recorded: %s", r.cause().toString());
                            answers.refuse(ctx, 503, "the firmware catalogue is unavailable");
                        }
                    }));
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
