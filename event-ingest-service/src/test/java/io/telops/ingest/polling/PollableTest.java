package io.telops.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.telops.ingest.outbox.PushStore;
import io.telops.security.Networks;

/** Which known phone the poller may ask: its claimed PhoneIP inside the subnets and equal to its push's source. */
class PollableTest {
    static final Networks SUBNETS = Networks.parse(List.of("10.20.0.0/16", "fd00:1::/32"));

    @ParameterizedTest(name = "PhoneIP {0} from {1}: {2}")
    @CsvSource(nullValues = "none", value = {
            "10.20.0.5, 10.20.0.5, true",
            "10.20.0.5, ::ffff:10.20.0.5, true",       // a dual-stack socket's view of the same sender
            "fd00:1::5, fd00:1:0:0:0:0:0:5, true",     // one address, two spellings
            "10.20.0.5, 10.20.0.6, false",             // another phone (or anyone) claiming this address
            "10.30.0.5, 10.30.0.5, false",             // outside the group's subnets
            "10.20.0.5, none, false",                  // stored before sources were recorded
            "phone.example.net, phone.example.net, false", // never a name: no DNS for a claimed value
            "10.20.0.5, unknown, false"})
    void pollsOnlyAnUnforgedAddressInsideTheSubnets(String claimed, String source, boolean pollable) {
        PushStore.KnownPhone phone = new PushStore.KnownPhone("0004F2000001", claimed, Optional.ofNullable(source));
        assertThat(StatePolling.pollable(phone, SUBNETS)).isEqualTo(pollable);
    }
}
