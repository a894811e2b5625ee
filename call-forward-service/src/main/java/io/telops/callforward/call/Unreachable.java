package io.telops.callforward.call;

import java.net.URI;
import java.util.Optional;

import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.plivoxml.PlivoElement;
import io.telops.callforward.plivoxml.PlivoElement.Play;
import io.telops.callforward.plivoxml.PlivoElement.Speak;

/** What a caller hears before voicemail when the person could not be reached: a Speak, a Play, or nothing. */
public record Unreachable(Optional<PlivoElement> element) {
    public static final Unreachable OFF = new Unreachable(Optional.empty());

    /** A configured play-url wins over the text; neither: off. */
    public static Unreachable from(CallForwardConfig.Unreachable c) {
        if (c.playUrl().isPresent()) {
            URI url = c.playUrl().get();
            if (!url.isAbsolute() || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new IllegalArgumentException("telops.callforward.unreachable.play-url must be an http(s) URL: " + url);
            }
            return new Unreachable(Optional.of(new Play(url, 1)));
        }
        if (!c.voice().matches("WOMAN|MAN|Polly\\.[A-Za-z-]+") || !c.language().matches("[a-z]{2,3}-[A-Z]{2}")) {
            throw new IllegalArgumentException("telops.callforward.unreachable.voice/language: WOMAN, MAN or Polly.<Name>, and like en-US");
        }
        return c.text().filter(t -> !t.isBlank())
                .map(t -> new Unreachable(Optional.of(Speak.of(t, c.voice(), c.language())))).orElse(OFF);
    }
}
