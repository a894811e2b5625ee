package io.telops.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start outside dev and test while a secret the service names in {@code telops.security.secrets} is
 * missing, short or public, or while a configured user's password is one anybody would try first. The message names
 * the property, never its value.
 */
@ApplicationScoped
public class SecretsCheck {
    /** Values this repository or its examples have ever carried, and the words such placeholders are made of. */
    static final Set<String> PUBLIC_VALUES = Set.of(
            // once shipped by this repository (compose default, devstack, test profiles), compared lower-cased
            "hieknogtidzfp6xm1nf2jhsaqizgkkjujs+etf8cvsc=", "devstack-plivo-token-0123456789",
            "mdeymzq1njc4owfiy2rlzjaxmjm0nty3odlhymnkzwy=", "test-auth-token-0123456789",
            // what people type when asked for a secret
            "changeme", "change-me", "secret", "password", "admin", "telops", "default", "123456", "12345678",
            "1234567890123456", "test", "example");
    static final List<String> PLACEHOLDER_MARKS = List.of("trial-only", "test-only", "do-not-reuse", "changeme",
            "change-me", "change_me", "replace-me", "example", "placeholder", "your-");
    static final List<String> GUESSED_PASSWORDS = List.of("admin", "password", "secret", "changeme", "telops");

    void onStart(@Observes StartupEvent started, SecurityConfig config) {
        LaunchMode mode = LaunchMode.current();
        if (mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST) {
            return;
        }
        List<String> problems = problems(config.secrets().orElse(List.of()), config.secretMinLength(),
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), config.users());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start without safe secrets: " + String.join("; ", problems));
        }
    }

    static List<String> problems(List<String> secretNames, int minLength, Function<String, Optional<String>> lookup,
                                 Map<String, SecurityConfig.User> users) {
        List<String> problems = new ArrayList<>();
        for (String name : secretNames) {
            Optional<String> value = lookup.apply(name).map(String::strip).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                problems.add(name + " is not set");
            } else if (value.get().length() < minLength) {
                problems.add(name + " is shorter than " + minLength + " characters");
            } else if (isPublic(value.get())) {
                problems.add(name + " is a published or placeholder value");
            }
        }
        users.forEach((user, u) -> {
            for (String guess : GUESSED_PASSWORDS) {
                try {
                    if (BcryptHashes.matches(u.passwordHash(), guess.toCharArray())) {
                        problems.add("telops.security.users." + user + " has a password anybody would guess");
                        break;
                    }
                } catch (BcryptHashes.MalformedHashException e) {
                    problems.add("telops.security.users." + user + ".password-hash: " + e.getMessage());
                    break;
                }
            }
        });
        return problems;
    }

    static boolean isPublic(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return PUBLIC_VALUES.contains(v) || PLACEHOLDER_MARKS.stream().anyMatch(v::contains);
    }
}
