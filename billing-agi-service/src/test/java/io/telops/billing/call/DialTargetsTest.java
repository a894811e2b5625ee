package io.telops.billing.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dial-string rules without a server: destination and target patterns, and the separators Dial never gets. */
class DialTargetsTest {
    private static final Pattern DESTINATION = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}/[A-Za-z0-9_.@:+*#/-]{1,120}");

    @Test
    void dialTargetArgumentIsIgnoredUnlessEnabled() {
        DialTargets off = new DialTargets(DESTINATION, false, TARGET, "PJSIP/{destination}");
        assertThat(off.target("+4981234", Optional.of("SIP/elsewhere"))).contains("PJSIP/+4981234");
        DialTargets on = new DialTargets(DESTINATION, true, TARGET, "PJSIP/{destination}");
        assertThat(on.target("4981234", Optional.of("SIP/IMSI001010000000001@127.0.0.1:5062")))
                .contains("SIP/IMSI001010000000001@127.0.0.1:5062");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "s", "12a", "5551234&SIP/evil", "5551234,,L(99999999)", "123456789012345678901234567890123"})
    void destinationsOutsideThePatternAreRefused(String destination) {
        assertThat(new DialTargets(DESTINATION, false, TARGET, "PJSIP/{destination}").target(destination, Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234&x", "555(1)", "555|1", "555^1", "555$1", "555{1}", "555;1", "555 1", "555\t1", "5551,"})
    void separatorsNeverReachDialEvenWhenAPatternAllowsThem(String destination) {
        DialTargets permissive = new DialTargets(Pattern.compile(".*"), true, Pattern.compile(".*"), "PJSIP/{destination}");
        assertThat(permissive.target(destination, Optional.empty())).isEmpty();
        assertThat(permissive.target("5551", Optional.of("SIP/" + destination))).isEmpty();
        assertThatThrownBy(() -> DialTargets.dial("PJSIP/" + destination, 60, "1000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSeparatorInTheTemplateIsRefusedToo() {
        DialTargets badTemplate = new DialTargets(DESTINATION, false, TARGET, "PJSIP/{destination}&PJSIP/spy");
        assertThat(badTemplate.target("5551234", Optional.empty())).isEmpty();
    }

    @Test
    void dialCommandCarriesTargetRingAndLimit() {
        assertThat(DialTargets.dial("PJSIP/5551234", 60, "600000:60000").line())
                .isEqualTo("EXEC Dial PJSIP/5551234,60,L(600000:60000)");
    }
}
