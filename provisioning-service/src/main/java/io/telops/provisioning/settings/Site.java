package io.telops.provisioning.settings;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A site: its settings layer, its shared provisioning credentials and the addresses its phones may fetch from. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "prov_username")
    public String provUsername;
    @Column(name = "prov_password_enc")
    public String provPasswordEnc;
    @Column(name = "allowed_cidrs")
    public String allowedCidrs = "";
    public String settings = "{}";
    @Column(name = "updated_at")
    public Instant updatedAt;
}
