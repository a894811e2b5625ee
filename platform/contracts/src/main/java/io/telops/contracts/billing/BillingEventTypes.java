package io.telops.contracts.billing;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.EventType;
import io.telops.contracts.Topics;

/** CloudEvents types of the billing events, each with its record and schema. */
public final class BillingEventTypes {
    public static final EventType<CallAuthorised> CALL_AUTHORISED = of("call-authorised", CallAuthorised.class);
    public static final EventType<CallRefused> CALL_REFUSED = of("call-refused", CallRefused.class);
    public static final EventType<CallSettled> CALL_SETTLED = of("call-settled", CallSettled.class);
    public static final EventType<BalanceChanged> BALANCE_CHANGED = of("balance-changed", BalanceChanged.class);

    public static final EventType<BalanceLow> BALANCE_LOW = of("balance-low", BalanceLow.class);
    public static final EventType<BalanceRecovered> BALANCE_RECOVERED = of("balance-recovered", BalanceRecovered.class);

    public static final List<EventType<?>> ALL = List.of(CALL_AUTHORISED, CALL_REFUSED, CALL_SETTLED, BALANCE_CHANGED,
            BALANCE_LOW, BALANCE_RECOVERED);

    private BillingEventTypes() {
    }

    /** The event type of a record, for producers. */
    public static EventType<?> of(BillingEvent event) {
        return forClass(event.getClass()).orElseThrow();
    }

    public static Optional<EventType<?>> forClass(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass() == recordClass).findFirst();
    }

    private static <T extends Record> EventType<T> of(String name, Class<T> type) {
        return new EventType<>("io.telops.billing." + name + ".v1", type, Topics.BILLING_EVENTS,
                "/io/telops/contracts/schemas/billing/" + name + ".v1.json");
    }
}
