package io.telops.contracts.phone;

import java.time.Instant;

/**
 * What a Poly/Polycom phone reported, normalised: the phone by its MAC (12 upper-case hex digits),
 * the instant in UTC, and the UTC offset the phone wrote in its own timestamp (e.g. {@code -08:00}),
 * so a local wall-clock time can be shown again. Published on {@code telops.phone-events}, keyed by MAC.
 */
public sealed interface PhoneEvent permits IncomingCall, OutgoingCall, CallStateChanged, OffHook, OnHook,
        PhoneLocked, PhoneUnlocked, LineRegistered, LineUnregistered, UserLoggedIn, UserLoggedOut, UiInitialized {

    String mac();

    String phoneIp();

    Instant occurredAt();

    String utcOffset();
}
