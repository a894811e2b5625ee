package io.telops.provisioning.settings;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The global settings layer (one row). */
@Entity
@Table(name = "global_settings")
public class GlobalSettings extends PanacheEntityBase {
    @Id
    public Integer id;
    public String settings = "{}";
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static GlobalSettings get() {
        return findById(1);
    }
}
