package io.telops.provisioning.firmware;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One uploaded firmware image of a model; the bytes are in {@link FirmwareStorage} under {@code storageKey}. */
@Entity
@Table(name = "firmware")
public class Firmware extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String brand;
    public String family;
    public String model;
    public String version;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "storage_key")
    public String storageKey;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    @Column(name = "uploaded_by")
    public String uploadedBy;

    public static Optional<Firmware> of(ModelRef model, String version) {
        return find("brand = ?1 and family = ?2 and model = ?3 and version = ?4", model.brand(), model.family(),
                model.model(), version).firstResultOptional();
    }

    public static Optional<Firmware> bySha256(String sha256) {
        return find("sha256 = ?1 order by id", sha256).firstResultOptional();
    }

    public static List<Firmware> ofModel(ModelRef model) {
        return list("brand = ?1 and family = ?2 and model = ?3 order by uploadedAt, id", model.brand(), model.family(),
                model.model());
    }

    public ModelRef modelRef() {
        return new ModelRef(brand, family, model);
    }
}
