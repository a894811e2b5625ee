package io.telops.callforward.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.fake.ParsedPlivoXml;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.RingStrategy;
import io.telops.callforward.plivoxml.PlivoElement.Play;
import io.telops.callforward.plivoxml.PlivoElement.Speak;

/** The "not reachable" announcement: where the call flow puts it, and how its configuration turns it on and off. */
class UnreachableTest {
    static final String TEXT = "The person you are calling is not reachable";
    static final Unreachable SPEAK = new Unreachable(Optional.of(Speak.of(TEXT, "MAN", "en-GB")));

    static CallForwardConfig.Unreachable config(Map<String, String> properties, ConfigSource... more) {
        return new SmallRyeConfigBuilder().withMapping(CallForwardConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 250)).withSources(more).build()
                .getConfigMapping(CallForwardConfig.class).unreachable();
    }

    static ForwardingLine line() {
        return CallFlowTest.line(CallFlowTest.settings(RingStrategy.SEQUENTIAL, false, Optional.empty(), List.of(), List.of()));
    }

    @Test
    void everyLegUnansweredHearsTheAnnouncementBeforeTheVoicemailPrompt() {
        CallFlow.Step step = CallFlow.afterDial(line(), Leg.MOBILE, DialStatus.NO_ANSWER, "14155550111", CallFlowTest.URLS, SPEAK);

        ParsedPlivoXml xml = ParsedPlivoXml.parse(step.xml().toXml());
        assertThat(xml.names()).containsExactly("Speak", "Speak", "Record", "Speak", "Hangup");
        assertThat(xml.get(0).text()).isEqualTo(TEXT);
        assertThat(xml.get(0).attr("voice")).isEqualTo("MAN");
        assertThat(xml.get(0).attr("language")).isEqualTo("en-GB");
    }

    @Test
    void outsideBusinessHoursTheAnnouncementIsHeardButNotOnTheVoicemailNumber() {
        ForwardingLine l = CallFlowTest.line(CallFlowTest.settings(RingStrategy.SEQUENTIAL, false, Optional.of(CallFlowTest.NINE_TO_FIVE),
                List.of(), List.of()));
        CallFlow.Answer night = CallFlow.answer(Optional.of(l), "14155550111", "14154009186", CallFlowTest.NIGHT, CallFlowTest.URLS, SPEAK);
        CallFlow.Answer chosen = CallFlow.answer(Optional.of(l), "14155550111", "14154009187", CallFlowTest.OFFICE_HOURS,
                CallFlowTest.URLS, SPEAK);

        assertThat(ParsedPlivoXml.parse(night.xml().toXml()).get(0).text()).isEqualTo(TEXT);
        assertThat(chosen.route()).isEqualTo(Route.VOICEMAIL_NUMBER);
        assertThat(ParsedPlivoXml.parse(chosen.xml().toXml()).names()).containsExactly("Speak", "Record", "Speak", "Hangup");
    }

    @Test
    void aPlayUrlIsPlayedInsteadOfTheText() {
        Unreachable u = Unreachable.from(config(Map.of("telops.callforward.unreachable.text", TEXT,
                "telops.callforward.unreachable.play-url", "https://cdn.example.com/not-reachable.mp3")));

        assertThat(u.element()).contains(new Play(URI.create("https://cdn.example.com/not-reachable.mp3"), 1));
        ParsedPlivoXml xml = ParsedPlivoXml.parse(CallFlow.voicemail(line(), CallFlowTest.URLS, u).toXml());
        assertThat(xml.names()).containsExactly("Play", "Speak", "Record", "Speak", "Hangup");
    }

    @Test
    void anEmptyTextOverridingTheConfiguredOneTurnsItOff() {
        CallForwardConfig.Unreachable on = config(Map.of("telops.callforward.unreachable.text", TEXT));
        // as TELOPS_CALLFORWARD_UNREACHABLE_TEXT= would, above application.properties
        CallForwardConfig.Unreachable off = config(Map.of("telops.callforward.unreachable.text", TEXT),
                new PropertiesConfigSource(Map.of("telops.callforward.unreachable.text", ""), "env", 300));

        assertThat(Unreachable.from(on).element()).contains(Speak.of(TEXT, "WOMAN", "en-US"));
        assertThat(Unreachable.from(off)).isEqualTo(Unreachable.OFF);
        assertThat(CallFlow.voicemail(line(), CallFlowTest.URLS, Unreachable.from(off)).elements().get(0))
                .isEqualTo(CallFlow.voicemail(line(), CallFlowTest.URLS).elements().get(0));
    }

    @Test
    void aPlayUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> Unreachable.from(config(Map.of("telops.callforward.unreachable.play-url", "file:///etc/passwd"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("play-url");
    }
}
