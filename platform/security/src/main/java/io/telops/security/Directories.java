package io.telops.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Every {@link AccountDirectory} of the service, asked in order; current roles cached for the re-check window. */
@ApplicationScoped
public class Directories {
    private final List<AccountDirectory> directories;
    private final Cache<String, Optional<Set<String>>> currentRoles;

    Directories(Instance<AccountDirectory> all, SecurityConfig config) {
        this.directories = all.stream().sorted(Comparator.comparingInt(AccountDirectory::order)).toList();
        Duration recheck = config.session().recheck();
        this.currentRoles = Caffeine.newBuilder().expireAfterWrite(recheck).maximumSize(10_000).build();
    }

    /** The roles of the first directory that accepts this user and password. */
    public Optional<Set<String>> authenticate(String username, char[] password) {
        for (AccountDirectory directory : directories) {
            Optional<Set<String>> roles = directory.authenticate(username, password);
            if (roles.isPresent()) {
                return roles;
            }
        }
        return Optional.empty();
    }

    /** The user's roles as of at most the re-check window ago; empty once the user is blocked or gone. */
    public Optional<Set<String>> currentRoles(String username) {
        return currentRoles.get(username, this::lookUp);
    }

    /** Forget what is cached about a user, so a change made on this replica takes effect at once. */
    public void forget(String username) {
        currentRoles.invalidate(username);
    }

    private Optional<Set<String>> lookUp(String username) {
        for (AccountDirectory directory : directories) {
            Optional<Set<String>> roles = directory.roles(username);
            if (roles.isPresent()) {
                return roles;
            }
        }
        return Optional.empty();
    }
}
