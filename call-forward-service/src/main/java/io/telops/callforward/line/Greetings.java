package io.telops.callforward.line;

import java.util.Objects;

/** What callers and answering parties hear, and in which TTS voice and language. {@code {line}} names the line. */
public record Greetings(String voice, String language, String forwarding, String voicemailPrompt,
                        String voicemailThanks, String unavailable, String whisper) {
    public static final Greetings DEFAULT = new Greetings("WOMAN", "en-US",
            "Please wait while we are forwarding your call",
            "Please leave your message after the beep",
            "Thank you, your message has been recorded",
            "Sorry, nobody can take your call. Goodbye",
            "Call for {line}, press 1 to accept");

    public Greetings {
        voice = or(voice, DEFAULT_VOICE);
        language = or(language, "en-US");
        if (!voice.matches("WOMAN|MAN|Polly\\.[A-Za-z-]+")) {
            throw new IllegalArgumentException("voice must be WOMAN, MAN or Polly.<Name>");
        }
        if (!language.matches("[a-z]{2,3}-[A-Z]{2}")) {
            throw new IllegalArgumentException("language must look like en-US");
        }
        forwarding = or(forwarding, "Please wait while we are forwarding your call");
        voicemailPrompt = or(voicemailPrompt, "Please leave your message after the beep");
        voicemailThanks = or(voicemailThanks, "Thank you, your message has been recorded");
        unavailable = or(unavailable, "Sorry, nobody can take your call. Goodbye");
        whisper = or(whisper, "Call for {line}, press 1 to accept");
        for (String s : new String[] {forwarding, voicemailPrompt, voicemailThanks, unavailable, whisper}) {
            if (s.length() > 1000) {
                throw new IllegalArgumentException("greetings are limited to 1000 characters");
            }
        }
    }

    private static final String DEFAULT_VOICE = "WOMAN";

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? Objects.requireNonNull(fallback) : value;
    }
}
