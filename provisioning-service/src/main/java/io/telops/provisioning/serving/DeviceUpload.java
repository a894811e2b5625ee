package io.telops.provisioning.serving;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A file a phone uploaded (Polycom logs and local overrides), latest version only. */
@Entity
@Table(name = "device_upload")
@IdClass(DeviceUpload.Key.class)
public class DeviceUpload extends PanacheEntityBase {
    @Id
    public String mac;
    @Id
    @Column(name = "file_name")
    public String fileName;
    public byte[] content;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements java.io.Serializable {
        public String mac;
        public String fileName;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(mac, k.mac) && java.util.Objects.equals(fileName, k.fileName);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(mac, fileName);
        }
    }
}
