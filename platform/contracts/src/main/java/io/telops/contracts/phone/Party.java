package io.telops.contracts.phone;

/** One side of a call as the phone shows it: display name and number (a SIP URI user part or address). */
public record Party(String name, String number) {
}
