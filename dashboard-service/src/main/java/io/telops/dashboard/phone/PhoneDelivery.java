package io.telops.dashboard.phone;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.phone.PhoneEvent;
import io.telops.dashboard.events.CloudEvent;

/** A CloudEvent from {@code telops.phone-events}, read against the phone contracts. */
public sealed interface PhoneDelivery permits PhoneDelivery.Known, PhoneDelivery.UnknownType, PhoneDelivery.Invalid {

    CloudEvent cloudEvent();

    /**
     * A phone event we understand. {@code unknownFields}: top-level body fields the record does not have
     * (a newer producer); {@code model}: the phone model when the body carries one.
     */
    record Known(CloudEvent cloudEvent, PhoneEvent event, String mac, List<String> unknownFields,
                 Optional<String> model) implements PhoneDelivery {
    }

    /** A ce_type this service does not know: skipped and counted. */
    record UnknownType(CloudEvent cloudEvent) implements PhoneDelivery {
    }

    /** A known ce_type whose body cannot be read or lacks what every phone event needs. */
    record Invalid(CloudEvent cloudEvent, String reason) implements PhoneDelivery {
    }
}
