package io.telops.callforward.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the call-forward service ({@code telops.callforward.*}). */
@ConfigMapping(prefix = "telops.callforward")
public interface CallForwardConfig {
    /**
     * Public base URL Plivo calls (scheme, host, port), used for the URLs we put in XML and register on
     * the Plivo application, and to rebuild the signed URL behind a proxy. Absent: taken from each request.
     */
    Optional<URI> publicBaseUrl();

    Plivo plivo();

    Sms sms();

    Rental rental();

    /** The announcement before voicemail when the person could not be reached (the seed's "not reachable"). */
    Unreachable unreachable();

    /** The callbacks' in-memory cache of lines (see {@code LineCache}). */
    LineCacheSettings lineCache();

    interface Plivo {
        /** Auth ID (MA.../SA...), the Basic auth user of the REST API. Absent: REST calls are refused. */
        Optional<String> authId();

        /** Auth token: REST password and the key of callback signatures. Absent: every callback gets 403. */
        Optional<String> authToken();

        /** Main account token when the numbers live in a sub-account (X-Plivo-Signature-Ma-V3). */
        Optional<String> mainAuthToken();

        /** Existing Plivo application to link numbers to; absent: one is created on first rental and remembered. */
        Optional<String> appId();

        @WithDefault("telops-call-forward")
        String appName();

        /**
         * How long a messaging callback's nonce is remembered (a replay within it gets 403), and how long after
         * sending an SMS its delivery reports are accepted, so a nonce is never forgotten while it could still count.
         */
        @WithDefault("72h")
        Duration replayWindow();
    }

    interface Sms {
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** How long a claimed job stays claimed before another sender may retry it. */
        @WithDefault("60s")
        Duration lease();

        /** How often the sender looks for due SMS. */
        @WithDefault("1s")
        Duration pollEvery();
    }

    interface Unreachable {
        /** Spoken before the voicemail prompt; empty: nothing is said (unless play-url is set). */
        Optional<String> text();

        @WithDefault("en-US")
        String language();

        /** WOMAN, MAN or Polly.<Name>. */
        @WithDefault("WOMAN")
        String voice();

        /** An audio file played instead of the text. */
        Optional<URI> playUrl();
    }

    interface LineCacheSettings {
        @WithDefault("true")
        boolean enabled();

        /** How often each replica checks whether another one changed a line: the longest a change stays unseen. */
        @WithDefault("1s")
        Duration refresh();

        /** Entries are reloaded after this long even without a change. */
        @WithDefault("60s")
        Duration maxAge();
    }

    interface Rental {
        /** How many search results to try when a number was taken between search and buy. */
        @WithDefault("3")
        int candidates();

        @WithDefault("voice,sms")
        String services();
    }
}
