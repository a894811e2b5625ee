package io.telops.billing.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call the admin API: {@code telops.security.users.<name>.password-hash} (bcrypt) and
 * {@code telops.security.users.<name>.roles} (admin, operator). No user is configured by default.
 * Accounts with the admin flag may log in too (see {@link BcryptIdentityProvider}).
 */
@ConfigMapping(prefix = "telops.security")
public interface AdminUsers {
    Map<String, User> users();

    /**
     * HMAC key of the login cookie (at least 32 characters); without one, a random key per process is used,
     * so sessions do not survive a restart and are not shared between replicas.
     */
    Optional<String> sessionKey();

    /** How long a login cookie stays valid. */
    @WithDefault("8h")
    Duration sessionTtl();

    interface User {
        String passwordHash();

        Set<String> roles();
    }
}
