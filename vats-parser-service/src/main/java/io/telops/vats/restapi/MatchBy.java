package io.telops.vats.restapi;

/** How a scraped trunk and a REST API abonent are paired. */
public enum MatchBy {
    /** The cabinet's abonent entity id against the API's {@code userId} (the API's notes call it the abonent id). */
    ID,
    /** The 11-digit number against the API's {@code phoneNumber}, which it fills for mobile abonents only. */
    PHONE_NUMBER
}
