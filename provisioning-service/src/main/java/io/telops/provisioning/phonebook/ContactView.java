package io.telops.provisioning.phonebook;

/** A stored contact as the admin API shows it. */
public record ContactView(long id, String siteId, String firstName, String lastName, String number) {
    static ContactView of(Contact c) {
        return new ContactView(c.id, c.siteId, c.firstName, c.lastName, c.number);
    }
}
