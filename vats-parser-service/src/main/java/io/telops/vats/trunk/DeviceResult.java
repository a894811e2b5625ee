package io.telops.vats.trunk;

import java.util.Optional;

/** The result of adding a SIP device for one requested number. */
public record DeviceResult(String number, DeviceOutcome outcome, Optional<Long> trunkId, Optional<String> detail) {
}
