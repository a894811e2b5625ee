package io.telops.billing.card;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.vertx.core.Future;

/** The IVR's few moves on a channel: play prompts, collect digits with GET DATA, say goodbye and hang up. */
final class Prompter {
    /** A sound file name as the configuration may give it: nothing Asterisk would split or expand. */
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,63}");

    private final Duration promptWait;

    Prompter(Duration promptWait) {
        this.promptWait = promptWait;
    }

    static String sound(String configured) {
        if (!SOUND.matcher(configured).matches() || configured.contains("..")) {
            throw new IllegalArgumentException("telops.billing.card.prompts: not a sound file name: " + configured);
        }
        return configured;
    }

    /** ANSWER, waited for like a prompt: a channel may take a while to be answered (PJSIP waits for the ACK). */
    Future<Void> answer(AgiChannel channel) {
        return channel.send(AgiCommand.of("ANSWER"), promptWait).mapEmpty();
    }

    /** Sends the commands one after the other; stops at a hang-up. */
    Future<Void> play(AgiChannel channel, List<AgiCommand> commands) {
        Future<Void> chain = Future.succeededFuture();
        for (AgiCommand c : commands) {
            chain = chain.compose(x -> channel.hungUp() ? Future.succeededFuture() : channel.send(c, promptWait).mapEmpty());
        }
        return chain;
    }

    Future<Void> play(AgiChannel channel, String sound) {
        return play(channel, List.of(AgiCommand.streamFile(sound, "")));
    }

    /**
     * {@code GET DATA <prompt> <ms> <max digits>}: the digits typed (empty when the caller typed none before the
     * timeout), or nothing at all when the caller hung up.
     */
    Future<Optional<String>> gather(AgiChannel channel, String prompt, Duration timeout, int maxDigits) {
        if (channel.hungUp()) {
            return Future.succeededFuture(Optional.empty());
        }
        AgiCommand getData = new AgiCommand("GET DATA " + prompt + " " + timeout.toMillis() + " " + maxDigits);
        return channel.send(getData, promptWait.plus(timeout)).map(reply -> {
            if (channel.hungUp() || !(reply instanceof AgiReply.Success s) || s.result() == -1) {
                return Optional.<String>empty();
            }
            return Optional.of(s.resultText());
        });
    }

    Future<Void> goodbye(AgiChannel channel, String goodbye) {
        return play(channel, List.of(AgiCommand.streamFile(goodbye, ""), AgiCommand.of("HANGUP")));
    }
}
