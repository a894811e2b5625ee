package io.telops.provisioning.catalogue;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The picture of a catalogue model, served publicly at {@code /assets/models/{file}} (the path the tree names). */
@Entity
@Table(name = "model_picture")
public class ModelPicture extends PanacheEntityBase {
    @Id
    public String file;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "content_type")
    public String contentType;
    public byte[] content;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
