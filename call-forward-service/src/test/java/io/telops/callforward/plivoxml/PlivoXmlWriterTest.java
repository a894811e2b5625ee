package io.telops.callforward.plivoxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.callforward.fake.ParsedPlivoXml;
import io.telops.callforward.fake.ParsedPlivoXml.El;
import io.telops.callforward.plivoxml.PlivoElement.Dial;
import io.telops.callforward.plivoxml.PlivoElement.Hangup;
import io.telops.callforward.plivoxml.PlivoElement.Method;
import io.telops.callforward.plivoxml.PlivoElement.Number;
import io.telops.callforward.plivoxml.PlivoElement.Record;
import io.telops.callforward.plivoxml.PlivoElement.Speak;
import io.telops.callforward.plivoxml.PlivoElement.User;

class PlivoXmlWriterTest {
    @Test
    void escapesTextAndAttributesSoTheDocumentParsesBackToTheSameValues() {
        String nasty = "Tom & Jerry <hi> \"quoted\" 'single' ]]> ü 😀";
        URI action = URI.create("https://forward.example.com/plivo/dial?line=a&leg=sip");
        PlivoResponse doc = PlivoResponse.of(
                new Speak(nasty, "Polly.Joanna", "en-US", 2),
                Dial.to(List.of(new User("sip:alice&co@phone.plivo.com"), new Number("+14155550100")), 20)
                        .withAction(action, Method.POST)
                        .withCallerId(Optional.of("14155550111"), Optional.of("Q&A <desk>")));
        String xml = doc.toXml();
        assertThat(xml).doesNotContain("Tom & Jerry").contains("&amp;").contains("&lt;");

        ParsedPlivoXml parsed = ParsedPlivoXml.parse(xml);
        assertThat(parsed.names()).containsExactly("Speak", "Dial");
        El speak = parsed.get(0);
        assertThat(speak.text()).isEqualTo(nasty);
        assertThat(speak.attrs()).containsEntry("voice", "Polly.Joanna").containsEntry("language", "en-US").containsEntry("loop", "2");
        El dial = parsed.get(1);
        assertThat(dial.attr("action")).isEqualTo(action.toString());
        assertThat(dial.attr("method")).isEqualTo("POST");
        assertThat(dial.attr("timeout")).isEqualTo("20");
        assertThat(dial.attr("callerId")).isEqualTo("14155550111");
        assertThat(dial.attr("callerName")).isEqualTo("Q&A <desk>");
        assertThat(dial.attrs()).doesNotContainKeys("confirmSound", "confirmKey");
        assertThat(dial.children()).extracting(El::name).containsExactly("User", "Number");
        assertThat(dial.children().get(0).text()).isEqualTo("sip:alice&co@phone.plivo.com");
        assertThat(dial.children().get(1).text()).isEqualTo("+14155550100");
    }

    @Test
    void voicemailDocumentHasPlivoNamesAndValues() {
        URI action = URI.create("https://forward.example.com/plivo/recorded?line=l1");
        String xml = PlivoResponse.of(
                Speak.of("Please leave your message after the beep", "WOMAN", "en-US"),
                new Record(action, Method.POST, false, 120, "#", true, "mp3", 15),
                Speak.of("Thank you, your message has been recorded", "WOMAN", "en-US"),
                Hangup.normal()).toXml();
        ParsedPlivoXml p = ParsedPlivoXml.parse(xml);
        assertThat(p.names()).containsExactly("Speak", "Record", "Speak", "Hangup");
        assertThat(p.get(1).attrs()).containsEntry("action", action.toString()).containsEntry("method", "POST")
                .containsEntry("redirect", "false").containsEntry("maxLength", "120").containsEntry("finishOnKey", "#")
                .containsEntry("playBeep", "true").containsEntry("fileFormat", "mp3").containsEntry("timeout", "15");
        assertThat(p.get(3).attrs()).isEmpty();
    }

    @Test
    void whisperAndRejectionAttributes() {
        Dial dial = Dial.to(List.of(new Number("14155550199")), 25).withConfirm(URI.create("https://x.example/plivo/whisper?line=l1"), "1");
        ParsedPlivoXml p = ParsedPlivoXml.parse(PlivoResponse.of(dial).toXml());
        assertThat(p.get(0).attrs()).containsEntry("confirmSound", "https://x.example/plivo/whisper?line=l1").containsEntry("confirmKey", "1");
        ParsedPlivoXml rejected = ParsedPlivoXml.parse(PlivoResponse.of(Hangup.rejected()).toXml());
        assertThat(rejected.get(0).attrs()).containsExactlyEntriesOf(java.util.Map.of("reason", "rejected"));
    }

    @Test
    void controlCharactersThatXmlCannotCarryAreDropped() {
        String xml = PlivoResponse.of(Speak.of("a\u0000b\u0007c\td", "WOMAN", "en-US")).toXml();
        assertThat(ParsedPlivoXml.parse(xml).get(0).text()).isEqualTo("abc\td");
    }

    @Test
    void buildersRefuseWhatPlivoRefuses() {
        assertThatThrownBy(() -> Dial.to(List.of(), 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User("alice@phone.plivo.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dial.to(List.of(new Number("1")), 20).withConfirm(URI.create("https://x"), "12"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Record(URI.create("https://x"), Method.POST, false, 1, "#", true, "mp3", 15))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Record(URI.create("https://x"), Method.POST, false, 60, "#", true, "ogg", 15))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hangup(Optional.of("whatever"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Speak.of("x".repeat(3001), "WOMAN", "en-US")).isInstanceOf(IllegalArgumentException.class);
    }
}
