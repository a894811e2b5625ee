package io.telops.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code telops.security.*}: the configured users (bcrypt hashes, never passwords), browser sessions and the secrets
 * a service refuses to start without. No user exists by default.
 */
@ConfigMapping(prefix = "telops.security")
public interface SecurityConfig {
    /** {@code telops.security.users.<name>.password-hash} (bcrypt) and {@code .roles} (admin, operator). */
    Map<String, User> users();

    Sessions session();

    /**
     * Names of the configuration properties that hold this service's secrets. Outside dev and test the service
     * refuses to start while one is missing, shorter than {@link #secretMinLength()} or a value known to be public.
     */
    Optional<List<String>> secrets();

    @WithDefault("16")
    int secretMinLength();

    interface User {
        String passwordHash();

        Set<String> roles();
    }

    interface Sessions {
        /** Whether the session cookie is accepted at all (services with a browser login turn it on). */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("telops_session")
        String cookieName();

        /** A session ends this long after login, however busy. */
        @WithDefault("8h")
        Duration ttl();

        /** ... and this long after its last request. */
        @WithDefault("1h")
        Duration idle();

        /** How stale a session's roles may be: a blocked user or a removed role takes effect within this. */
        @WithDefault("5s")
        Duration recheck();

        /** The cookie's Secure flag; only dev and test turn it off (plain-HTTP loopback). */
        @WithDefault("true")
        boolean secureCookie();

        /** Where a browser without a session is sent; absent, it gets 401 with a Basic challenge. */
        Optional<String> loginPage();
    }
}
