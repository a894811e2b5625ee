package io.telops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BcryptHashesTest {
    /** Written by Elytron / Quarkus' BcryptUtil (cost 10) for "secret". */
    static final String ELYTRON_2A = "$2a$10$Ey2ttYj/SZrXxm5Z6jAgOuorLGX/6qHfBqAqeE0/ggYKbJq253da.";
    /** Written by Python's bcrypt 5.0.0, hashpw(b"correct horse battery", gensalt(4)). */
    static final String PYTHON_2B = "$2b$04$Q/rq.2rr2epHy7kdS3pk9.IU6lR7yPeKpZMvGvuAiomHe8ybzrTki";
    /** Written by Apache's htpasswd -nbB -C 4 (the PHP-compatible $2y$ prefix) for "correct horse battery". */
    static final String HTPASSWD_2Y = "$2y$04$6TZcV.7W3saTSe1Rl582se6Mrn1R9u1goE/lXkkziGjuMX78uwqJq";

    @Test
    void verifiesHashesFromEveryCommonWriter() {
        assertThat(BcryptHashes.matches(ELYTRON_2A, "secret".toCharArray())).isTrue();
        assertThat(BcryptHashes.matches(ELYTRON_2A, "Secret".toCharArray())).isFalse();
        assertThat(BcryptHashes.matches(PYTHON_2B, "correct horse battery".toCharArray())).isTrue();
        assertThat(BcryptHashes.matches(PYTHON_2B, "correct horse batter".toCharArray())).isFalse();
        assertThat(BcryptHashes.matches(HTPASSWD_2Y, "correct horse battery".toCharArray())).isTrue();
        assertThat(BcryptHashes.matches(HTPASSWD_2Y, "wrong".toCharArray())).isFalse();
    }

    @Test
    void aHashThatIsNotBcryptIsReportedWithoutEchoingIt() {
        assertThatThrownBy(() -> BcryptHashes.matches("{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=", "x".toCharArray()))
                .isInstanceOf(BcryptHashes.MalformedHashException.class).hasMessageNotContaining("5en6G6");
        assertThatThrownBy(() -> BcryptHashes.matches("$2a$10$tooShort", "x".toCharArray()))
                .isInstanceOf(BcryptHashes.MalformedHashException.class).hasMessageNotContaining("tooShort");
    }
}
