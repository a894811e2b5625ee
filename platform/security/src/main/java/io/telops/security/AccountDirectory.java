package io.telops.security;

import java.util.Optional;
import java.util.Set;

/**
 * Where users and their roles come from. The platform's own {@link ConfiguredUsers} is one; a service whose users
 * live in its database (billing's accounts) adds its own bean. Directories are asked in {@link #order()}.
 */
public interface AccountDirectory {
    /** The roles of this user when the password is right; empty when the directory does not accept the pair. */
    Optional<Set<String>> authenticate(String username, char[] password);

    /** The current roles of an active user; empty when the user is unknown here, blocked or deleted. */
    Optional<Set<String>> roles(String username);

    /** Lower is asked first. */
    default int order() {
        return 100;
    }
}
