package io.telops.provisioning.template;

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

/** One immutable version of a template document. */
@Entity
@Table(name = "template_version")
public class TemplateVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "template_id")
    public String templateId;
    public int version;
    public String brand;
    public String family;
    public String model;
    public String document;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    public String note = "";

    public static Optional<TemplateVersion> latest(String templateId) {
        return find("templateId = ?1 order by version desc", templateId).firstResultOptional();
    }

    public static Optional<TemplateVersion> version(String templateId, int version) {
        return find("templateId = ?1 and version = ?2", templateId, version).firstResultOptional();
    }

    public static List<TemplateVersion> versions(String templateId) {
        return list("templateId = ?1 order by version", templateId);
    }
}
