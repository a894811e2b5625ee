package io.telops.provisioning.phonebook;

import java.util.Objects;

/** A phonebook entry as the formats write it: names as entered (either may be empty, not both) and one number. */
public record Entry(String firstName, String lastName, String number) {
    public Entry {
        Objects.requireNonNull(firstName);
        Objects.requireNonNull(lastName);
        Objects.requireNonNull(number);
    }

    /** "First Last", or whichever of the two is set. */
    public String displayName() {
        return firstName.isEmpty() ? lastName : lastName.isEmpty() ? firstName : firstName + " " + lastName;
    }
}
