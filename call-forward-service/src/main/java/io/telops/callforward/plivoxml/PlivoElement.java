package io.telops.callforward.plivoxml;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Plivo XML verbs this service answers with, as typed values. Element and attribute names follow
 * Plivo's XML reference (Speak, Play, Wait, Dial with User/Number, Record, Hangup, Redirect); the
 * {@link PlivoXmlWriter} escapes every text and attribute value.
 */
public sealed interface PlivoElement {

    enum Method { GET, POST }

    /** Text to speech; voice WOMAN/MAN/Polly.*, language like en-US, loop 0 = until the call ends. */
    record Speak(String text, String voice, String language, int loop) implements PlivoElement {
        public Speak {
            Objects.requireNonNull(text);
            Objects.requireNonNull(voice);
            Objects.requireNonNull(language);
            if (text.length() > 3000) {
                throw new IllegalArgumentException("Speak text longer than Plivo's 3000 characters");
            }
            if (loop < 0) {
                throw new IllegalArgumentException("loop must be >= 0");
            }
        }

        public static Speak of(String text, String voice, String language) {
            return new Speak(text, voice, language, 1);
        }
    }

    record Play(URI url, int loop) implements PlivoElement {
        public Play {
            Objects.requireNonNull(url);
        }
    }

    record Wait(int lengthSeconds) implements PlivoElement {
        public Wait {
            if (lengthSeconds < 1) {
                throw new IllegalArgumentException("Wait length must be > 0");
            }
        }
    }

    /** What a Dial rings: a SIP endpoint or a phone number; several ring at once. */
    sealed interface DialTarget permits User, Number {
    }

    record User(String sipUri) implements DialTarget {
        public User {
            if (!sipUri.startsWith("sip:")) {
                throw new IllegalArgumentException("User needs a sip: URI");
            }
        }
    }

    record Number(String number) implements DialTarget {
        public Number {
            Objects.requireNonNull(number);
        }
    }

    /**
     * Dial; with {@code action} Plivo reports DialStatus there and, redirect being true, continues with the
     * XML it returns. {@code confirmSound}/{@code confirmKey} whisper to the callee, who must press the key.
     */
    record Dial(Optional<URI> action, Method method, int timeoutSeconds, Optional<String> callerId,
                Optional<String> callerName, Optional<URI> confirmSound, Optional<String> confirmKey,
                Optional<String> dialMusic, List<DialTarget> targets) implements PlivoElement {
        public Dial {
            Objects.requireNonNull(action);
            Objects.requireNonNull(method);
            Objects.requireNonNull(callerId);
            Objects.requireNonNull(callerName);
            Objects.requireNonNull(confirmSound);
            Objects.requireNonNull(confirmKey);
            Objects.requireNonNull(dialMusic);
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("Dial needs at least one User or Number");
            }
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("Dial timeout must be positive");
            }
            if (callerName.filter(n -> n.length() > 50).isPresent()) {
                throw new IllegalArgumentException("callerName is limited to 50 characters");
            }
            if (confirmKey.filter(k -> !k.matches("[0-9#*]")).isPresent()) {
                throw new IllegalArgumentException("confirmKey must be one digit, # or *");
            }
        }

        public static Dial to(List<DialTarget> targets, int timeoutSeconds) {
            return new Dial(Optional.empty(), Method.POST, timeoutSeconds, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), targets);
        }

        public Dial withAction(URI url, Method m) {
            return new Dial(Optional.of(url), m, timeoutSeconds, callerId, callerName, confirmSound, confirmKey, dialMusic, targets);
        }

        public Dial withCallerId(Optional<String> id, Optional<String> name) {
            return new Dial(action, method, timeoutSeconds, id, name, confirmSound, confirmKey, dialMusic, targets);
        }

        public Dial withConfirm(URI sound, String key) {
            return new Dial(action, method, timeoutSeconds, callerId, callerName, Optional.of(sound), Optional.of(key), dialMusic, targets);
        }
    }

    /** Record; with redirect false Plivo posts the result to action in the background and goes on. */
    record Record(URI action, Method method, boolean redirect, int maxLengthSeconds, String finishOnKey,
                  boolean playBeep, String fileFormat, int timeoutSeconds) implements PlivoElement {
        public Record {
            Objects.requireNonNull(action);
            Objects.requireNonNull(method);
            if (maxLengthSeconds <= 1) {
                throw new IllegalArgumentException("maxLength must be > 1");
            }
            if (!fileFormat.equals("mp3") && !fileFormat.equals("wav")) {
                throw new IllegalArgumentException("fileFormat is mp3 or wav");
            }
            if (!finishOnKey.matches("[0-9#*]+|none")) {
                throw new IllegalArgumentException("finishOnKey: digits, # or *");
            }
        }
    }

    /** Hangup; as the first element with reason rejected the call is refused without being answered. */
    record Hangup(Optional<String> reason) implements PlivoElement {
        public Hangup {
            if (reason.filter(r -> !r.equals("rejected") && !r.equals("busy")).isPresent()) {
                throw new IllegalArgumentException("Hangup reason is rejected or busy");
            }
        }

        public static Hangup normal() {
            return new Hangup(Optional.empty());
        }

        public static Hangup rejected() {
            return new Hangup(Optional.of("rejected"));
        }
    }

    record Redirect(URI url, Method method) implements PlivoElement {
    }
}
