package io.telops.provisioning.firmware;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.device.DeviceService.ConflictException;

/** The uploaded images: recorded after their bytes are stored, listed, found by checksum, deleted when unpinned. */
@ApplicationScoped
public class FirmwareCatalogue {
    private final EntityManager em;
    private final URI publicUrl;

    FirmwareCatalogue(EntityManager em, ProvisioningConfig config) {
        this.em = em;
        this.publicUrl = URI.create(config.publicUrl());
    }

    /** An upload whose bytes are stored under {@code storageKey}. */
    public record Upload(ModelRef model, String version, String fileName, String storageKey, long sizeBytes, String sha256,
                         String uploadedBy) {
    }

    /** What the phone route needs to answer for an image. */
    public record Stored(String sha256, String storageKey, long sizeBytes, String fileName, Instant uploadedAt) {
    }

    @Transactional
    public boolean exists(ModelRef model, String version) {
        return Firmware.of(model, version).isPresent();
    }

    @Transactional
    public FirmwareView record(Upload u) {
        if (exists(u.model(), u.version())) {
            throw conflict(u.model(), u.version());
        }
        Firmware f = new Firmware();
        f.brand = u.model().brand();
        f.family = u.model().family();
        f.model = u.model().model();
        f.version = u.version();
        f.fileName = u.fileName();
        f.storageKey = u.storageKey();
        f.sizeBytes = u.sizeBytes();
        f.sha256 = u.sha256();
        f.uploadedAt = Instant.now();
        f.uploadedBy = u.uploadedBy();
        f.persist();
        return view(f);
    }

    @Transactional
    public List<FirmwareView> list(Optional<ModelRef> model) {
        List<Firmware> all = model.isPresent() ? Firmware.ofModel(model.get()) : Firmware.list("order by brand, family, model, uploadedAt, id");
        return all.stream().map(this::view).toList();
    }

    @Transactional
    public FirmwareView get(long id) {
        return view(find(id));
    }

    @Transactional
    public Optional<Stored> bySha256(String sha256) {
        return Firmware.bySha256(sha256).map(f -> new Stored(f.sha256, f.storageKey, f.sizeBytes, f.fileName, f.uploadedAt));
    }

    /** A removed row: the checksum to forget and the blob to delete. */
    public record Deleted(String sha256, String storageKey) {
    }

    /** Removes the row and answers what to clean up; a pinned image is refused (409) until unpinned. */
    @Transactional
    public Deleted delete(long id) {
        Firmware f = find(id);
        long pins = ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM firmware_model_pin WHERE firmware_id = ?1)"
                + " + (SELECT count(*) FROM firmware_device_pin WHERE firmware_id = ?1)").setParameter(1, id).getSingleResult()).longValue();
        if (pins > 0) {
            throw new ConflictException("firmware " + id + " is pinned (" + pins + " pins); unpin it first");
        }
        f.delete();
        return new Deleted(f.sha256, f.storageKey);
    }

    FirmwareView view(Firmware f) {
        return new FirmwareView(f.id, f.brand, f.family, f.model, f.version, f.fileName, f.sizeBytes, f.sha256, f.uploadedAt,
                f.uploadedBy, FirmwareUrls.image(publicUrl, f.sha256, f.fileName));
    }

    static Firmware find(long id) {
        return Firmware.<Firmware>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no firmware " + id));
    }

    static ConflictException conflict(ModelRef model, String version) {
        return new ConflictException("firmware " + version + " of " + model.brand() + "/" + model.family() + "/"
                + model.model() + " exists; delete it first or upload under another version");
    }
}
