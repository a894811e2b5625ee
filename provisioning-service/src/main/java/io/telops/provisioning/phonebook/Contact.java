package io.telops.provisioning.phonebook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of a site's shared phonebook. */
@Entity
@Table(name = "phonebook_contact")
public class Contact extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "site_id")
    public String siteId;
    @Column(name = "first_name")
    public String firstName = "";
    @Column(name = "last_name")
    public String lastName = "";
    public String number;
    @Column(name = "updated_at")
    public Instant updatedAt;

    Entry entry() {
        return new Entry(firstName, lastName, number);
    }
}
