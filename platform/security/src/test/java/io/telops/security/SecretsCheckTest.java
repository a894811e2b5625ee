package io.telops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretsCheckTest {
    private static final String STRONG = "q8Jc2mV0x7LwP4zRt1YbN6sK";

    @Test
    void missingShortAndPublicSecretsAreNamedWithoutTheirValues() {
        Map<String, String> config = Map.of(
                "telops.a", STRONG,
                "telops.short", "abc",
                "telops.trial", "trial-only-billing-session-key-do-not-reuse-0123",
                "telops.shipped", "HiEkNoGTidzfp6xM1NF2jhSaqizgkKjujs+ETF8Cvsc=",
                "telops.blank", "   ");
        List<String> problems = SecretsCheck.problems(
                List.of("telops.a", "telops.short", "telops.trial", "telops.shipped", "telops.blank", "telops.absent"),
                16, name -> Optional.ofNullable(config.get(name)), Map.of());
        assertThat(problems).containsExactly(
                "telops.short is shorter than 16 characters",
                "telops.trial is a published or placeholder value",
                "telops.shipped is a published or placeholder value",
                "telops.blank is not set",
                "telops.absent is not set");
        assertThat(String.join(" ", problems)).doesNotContain("abc").doesNotContain("HiEk");
    }

    @Test
    void aUserWithAGuessablePasswordOrAnUnusableHashIsRefused() {
        Map<String, SecurityConfig.User> users = Map.of(
                "admin", user(BcryptHashesTest.ELYTRON_2A),          // "secret"
                "ops", user(BcryptHashesTest.PYTHON_2B),             // a real passphrase
                "broken", user("plain-text-password"));
        List<String> problems = SecretsCheck.problems(List.of(), 16, name -> Optional.empty(), users);
        assertThat(problems).containsExactlyInAnyOrder(
                "telops.security.users.admin has a password anybody would guess",
                "telops.security.users.broken.password-hash: not a bcrypt hash ($2a$, $2b$ or $2y$ expected)");
    }

    @Test
    void nothingToSayAboutGoodSecrets() {
        assertThat(SecretsCheck.problems(List.of("k"), 16, name -> Optional.of(STRONG),
                Map.of("ops", user(BcryptHashesTest.HTPASSWD_2Y)))).isEmpty();
    }

    private static SecurityConfig.User user(String hash) {
        return new SecurityConfig.User() {
            @Override
            public String passwordHash() {
                return hash;
            }

            @Override
            public Set<String> roles() {
                return Set.of("admin");
            }
        };
    }
}
