package io.telops.billing.ledger;

import java.util.Optional;

/** What the authorise script learnt about a call attempt. */
public record CallRequest(String callUniqueId, Optional<String> callerId, Optional<String> imsi, String destination,
                          String channel) {
}
