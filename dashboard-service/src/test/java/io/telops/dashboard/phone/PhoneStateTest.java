package io.telops.dashboard.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.dashboard.phone.PhoneState.Registration;

/** Status precedence, line bookkeeping, call durations and summaries: the read model's rules without a database. */
class PhoneStateTest {

    @Test
    void aCallBeatsAHandsetWhichBeatsRegistration() {
        assertThat(PhoneState.of(true, true, Registration.UNREGISTERED)).isEqualTo(PhoneState.IN_CALL);
        assertThat(PhoneState.of(false, true, Registration.REGISTERED)).isEqualTo(PhoneState.OFF_HOOK);
        assertThat(PhoneState.of(false, false, Registration.REGISTERED)).isEqualTo(PhoneState.REGISTERED);
        assertThat(PhoneState.of(false, false, Registration.UNREGISTERED)).isEqualTo(PhoneState.UNREGISTERED);
        assertThat(PhoneState.of(false, false, Registration.UNKNOWN)).isEqualTo(PhoneState.UNKNOWN);
        assertThat(PhoneState.fromLabel(" In-Call ")).isEqualTo(PhoneState.IN_CALL);
        assertThatThrownBy(() -> PhoneState.fromLabel("napping")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesAreMatchedByNumberOrElseByAddress() {
        Phone phone = Phone.firstHeard("0004F214B89E", "10.0.0.1", Instant.EPOCH);
        phone.lineRegistered(LineLabel.of(Optional.of(1), Optional.of("1001@pbx")));
        phone.lineRegistered(LineLabel.of(Optional.of(2), Optional.of("1002@pbx")));
        phone.lineRegistered(LineLabel.of(Optional.of(1), Optional.of("1001@pbx")));
        assertThat(phone.lines).containsExactly("2: 1002@pbx", "1: 1001@pbx");
        phone.lineUnregistered(LineLabel.of(Optional.of(2), Optional.empty()));
        assertThat(phone.lines).containsExactly("1: 1001@pbx");
        assertThat(phone.registration).isEqualTo(Registration.REGISTERED);
        phone.lineUnregistered(LineLabel.of(Optional.empty(), Optional.of("1001@pbx")));
        assertThat(phone.lines).isEmpty();
        assertThat(phone.registration).isEqualTo(Registration.UNREGISTERED);
        assertThat(LineLabel.parse("line 3")).isEqualTo(LineLabel.of(Optional.of(3), Optional.empty()));
    }

    @Test
    void silenceEndsOnlyForwardOnTheReceiveTime() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        Phone phone = Phone.firstHeard("0004F214B89E", "10.0.0.1", t);
        phone.heard("10.0.0.2", t.minusSeconds(60), t);
        assertThat(phone.lastHeardAt).isEqualTo(t);
        assertThat(phone.ip).isEqualTo("10.0.0.2");
        phone.heard(null, t.plusSeconds(30), t.plusSeconds(31));
        assertThat(phone.lastHeardAt).isEqualTo(t.plusSeconds(30));
        assertThat(phone.ip).isEqualTo("10.0.0.2");
        assertThat(phone.eventCount).isEqualTo(2);
    }

    @Test
    void hookAndLockFollowTheEventTimeAndArrivalBreaksTies() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        Phone phone = Phone.firstHeard("0004F214B89E", "10.0.0.1", t);
        phone.hook(false, t.plusSeconds(5));
        phone.hook(true, t.plusSeconds(1));
        assertThat(phone.offHook).isFalse();
        phone.hook(true, t.plusSeconds(5));
        assertThat(phone.offHook).isTrue();
        phone.lock(false, t.plusSeconds(9));
        phone.lock(true, t.plusSeconds(8));
        assertThat(phone.locked).isFalse();
        assertThat(phone.lockedAt).isEqualTo(t.plusSeconds(9));
    }

    @Test
    void aCallLastsFromConnectedToDisconnected() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        PhoneCall call = new PhoneCall();
        assertThat(call.enter("Offering", t)).isFalse();
        assertThat(call.enter("Connected", t.plusSeconds(5))).isFalse();
        assertThat(call.enter("Hold", t.plusSeconds(20))).isFalse();
        assertThat(call.enter("Connected", t.plusSeconds(30))).isFalse();
        assertThat(call.enter("DISCONNECTED", t.plusSeconds(65))).isTrue();
        assertThat(call.durationSeconds).isEqualTo(60);
        PhoneCall missed = new PhoneCall();
        missed.enter("Offering", t);
        assertThat(missed.enter("Disconnected", t.plusSeconds(9))).isTrue();
        assertThat(missed.durationSeconds).isZero();
    }

    @Test
    void summariesNameThePartiesTheWayThePhoneGaveThem() {
        assertThat(PhoneEventSummary.party(new io.telops.contracts.phone.Party("Alice", "1001"))).isEqualTo("Alice <1001>");
        assertThat(PhoneEventSummary.party(new io.telops.contracts.phone.Party(null, "1001"))).isEqualTo("1001");
        assertThat(PhoneEventSummary.party(new io.telops.contracts.phone.Party(" ", null))).isEqualTo("?");
        assertThat(LogView.localTime(Instant.parse("2026-11-25T08:00:00Z"), "-08:00")).isEqualTo("2026-11-25 00:00:00 -08:00");
        assertThat(LogView.localTime(Instant.parse("2026-11-25T08:00:00Z"), "garbage")).isEqualTo("2026-11-25 08:00:00 +00:00");
    }
}
