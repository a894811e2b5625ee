package io.telops.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** The users of {@code telops.security.users.*}: bcrypt hashes in configuration, roles beside them. */
@ApplicationScoped
public class ConfiguredUsers implements AccountDirectory {
    private static final Logger LOG = Logger.getLogger(ConfiguredUsers.class);

    private final SecurityConfig config;
    private final VerifiedPasswords verified = new VerifiedPasswords();
    private final Set<String> reportedMalformed = ConcurrentHashMap.newKeySet();

    ConfiguredUsers(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Optional<Set<String>> authenticate(String username, char[] password) {
        SecurityConfig.User user = config.users().get(username);
        if (user == null) {
            return Optional.empty();
        }
        String hash = user.passwordHash();
        boolean ok = verified.accepts(username, hash, password, () -> matches(username, hash, password));
        return ok ? Optional.of(Set.copyOf(user.roles())) : Optional.empty();
    }

    @Override
    public Optional<Set<String>> roles(String username) {
        return Optional.ofNullable(config.users().get(username)).map(u -> Set.copyOf(u.roles()));
    }

    @Override
    public int order() {
        return 0;
    }

    Map<String, SecurityConfig.User> all() {
        return config.users();
    }

    private boolean matches(String username, String hash, char[] password) {
        try {
            return BcryptHashes.matches(hash, password);
        } catch (BcryptHashes.MalformedHashException e) {
            // otherwise this user only ever sees 401 and nobody knows why
            if (reportedMalformed.add(username)) {
                LOG.errorf("telops.security.users.%s.password-hash is unusable (%s); that user cannot sign in",
                        username, e.getMessage());
            }
            return false;
        }
    }
}
