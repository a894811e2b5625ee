package io.telops.contracts.phone;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.EventType;
import io.telops.contracts.Topics;

/** CloudEvents types of the phone events, each with its record and schema. */
public final class PhoneEventTypes {
    public static final EventType<IncomingCall> INCOMING_CALL = of("incoming-call", IncomingCall.class);
    public static final EventType<OutgoingCall> OUTGOING_CALL = of("outgoing-call", OutgoingCall.class);
    public static final EventType<CallStateChanged> CALL_STATE_CHANGED = of("call-state-changed", CallStateChanged.class);
    public static final EventType<OffHook> OFF_HOOK = of("off-hook", OffHook.class);
    public static final EventType<OnHook> ON_HOOK = of("on-hook", OnHook.class);
    public static final EventType<PhoneLocked> PHONE_LOCKED = of("phone-locked", PhoneLocked.class);
    public static final EventType<PhoneUnlocked> PHONE_UNLOCKED = of("phone-unlocked", PhoneUnlocked.class);
    public static final EventType<LineRegistered> LINE_REGISTERED = of("line-registered", LineRegistered.class);
    public static final EventType<LineUnregistered> LINE_UNREGISTERED = of("line-unregistered", LineUnregistered.class);
    public static final EventType<UserLoggedIn> USER_LOGGED_IN = of("user-logged-in", UserLoggedIn.class);
    public static final EventType<UserLoggedOut> USER_LOGGED_OUT = of("user-logged-out", UserLoggedOut.class);
    public static final EventType<UiInitialized> UI_INITIALIZED = of("ui-initialized", UiInitialized.class);

    public static final List<EventType<?>> ALL = List.of(INCOMING_CALL, OUTGOING_CALL, CALL_STATE_CHANGED, OFF_HOOK,
            ON_HOOK, PHONE_LOCKED, PHONE_UNLOCKED, LINE_REGISTERED, LINE_UNREGISTERED, USER_LOGGED_IN,
            USER_LOGGED_OUT, UI_INITIALIZED);

    private PhoneEventTypes() {
    }

    /** The event type of a record, for producers. */
    public static EventType<?> of(PhoneEvent event) {
        return forClass(event.getClass()).orElseThrow();
    }

    public static Optional<EventType<?>> forClass(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass() == recordClass).findFirst();
    }

    private static <T extends Record> EventType<T> of(String name, Class<T> type) {
        return new EventType<>("io.telops.phone." + name + ".v1", type, Topics.PHONE_EVENTS,
                "/io/telops/contracts/schemas/phone/" + name + ".v1.json");
    }
}
