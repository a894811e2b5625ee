package io.telops.contracts.callforward;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.EventType;
import io.telops.contracts.Topics;

/** CloudEvents types of the call-forward events ({@code io.telops.call.<name>.v1}), each with its record and schema. */
public final class CallForwardEventTypes {
    public static final EventType<CallReceived> CALL_RECEIVED = of("call-received", CallReceived.class);
    public static final EventType<CallForwarded> CALL_FORWARDED = of("call-forwarded", CallForwarded.class);
    public static final EventType<VoicemailRecorded> VOICEMAIL_RECORDED = of("voicemail-recorded", VoicemailRecorded.class);
    public static final EventType<SmsSent> SMS_SENT = of("sms-sent", SmsSent.class);
    public static final EventType<SmsFailed> SMS_FAILED = of("sms-failed", SmsFailed.class);
    public static final EventType<SmsStatusReported> SMS_STATUS_REPORTED = of("sms-status-reported", SmsStatusReported.class);
    public static final EventType<CallCompleted> CALL_COMPLETED = of("call-completed", CallCompleted.class);
    public static final EventType<NumberRented> NUMBER_RENTED = of("number-rented", NumberRented.class);
    public static final EventType<NumberReleased> NUMBER_RELEASED = of("number-released", NumberReleased.class);
    public static final EventType<LineChanged> LINE_CHANGED = of("line-changed", LineChanged.class);

    public static final List<EventType<?>> ALL = List.of(CALL_RECEIVED, CALL_FORWARDED, VOICEMAIL_RECORDED, SMS_SENT, SMS_FAILED, SMS_STATUS_REPORTED, CALL_COMPLETED, NUMBER_RENTED, NUMBER_RELEASED, LINE_CHANGED);

    private CallForwardEventTypes() {
    }

    /** The event type of a record, for producers. */
    public static EventType<?> of(CallForwardEvent event) {
        return forClass(event.getClass()).orElseThrow();
    }

    public static Optional<EventType<?>> forClass(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass() == recordClass).findFirst();
    }

    private static <T extends Record> EventType<T> of(String name, Class<T> type) {
        return new EventType<>("io.telops.call." + name + ".v1", type, Topics.CALL_EVENTS,
                "/io/telops/contracts/schemas/callforward/" + name + ".v1.json");
    }
}
