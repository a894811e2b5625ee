package io.telops.dashboard.security;

import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/**
 * Who may call the admin API: {@code telops.security.users.<name>.password-hash} (bcrypt) and
 * {@code telops.security.users.<name>.roles} (admin, operator). No user is configured by default.
 */
@ConfigMapping(prefix = "telops.security")
public interface AdminUsers {
    Map<String, User> users();

    interface User {
        String passwordHash();

        Set<String> roles();
    }
}
