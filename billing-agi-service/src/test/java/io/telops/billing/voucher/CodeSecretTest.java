package io.telops.billing.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.telops.billing.ledger.LedgerRejection;

/**
 * The key of PIN and code digests: off without one, refused when short, separate per domain, never in a message; new
 * codes are random digits of the asked length.
 */
class CodeSecretTest {
    private static final String KEY = "unit-test-digest-key-0123456789-abcdef";

    private static CodesConfig config(Optional<String> secret) {
        return new CodesConfig() {
            @Override
            public Optional<String> secret() {
                return secret;
            }

            @Override
            public int maxBatchSize() {
                return 10;
            }
        };
    }

    @Test
    void withoutASecretCardsAndVouchersAreOff() {
        CodeSecret none = new CodeSecret(config(Optional.of("  ")));
        assertThat(none.configured()).isFalse();
        assertThatThrownBy(() -> none.digest(CodeSecret.Domain.CARD, "1234567890")).isInstanceOf(LedgerRejection.class)
                .hasMessageContaining("telops.billing.codes.secret");
    }

    @Test
    void aShortSecretStopsTheServiceWithoutShowingIt() {
        assertThatThrownBy(() -> new CodeSecret(config(Optional.of("short-key-12345"))))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("short-key-12345");
    }

    @Test
    void theSameDigitsAsPinAndAsVoucherCodeHaveDifferentDigests() {
        CodeSecret s = new CodeSecret(config(Optional.of(KEY)));
        byte[] card = s.digest(CodeSecret.Domain.CARD, "1234567890");
        assertThat(card).hasSize(32).isEqualTo(s.digest(CodeSecret.Domain.CARD, "1234567890"));
        assertThat(s.digest(CodeSecret.Domain.VOUCHER, "1234567890")).isNotEqualTo(card);
        assertThat(new CodeSecret(config(Optional.of(KEY + "x"))).digest(CodeSecret.Domain.CARD, "1234567890")).isNotEqualTo(card);
    }

    @Test
    void newCodesAreRandomDigitsOfTheAskedLength() {
        CodeSecret s = new CodeSecret(config(Optional.of(KEY)));
        Set<String> codes = new HashSet<>();
        Set<Character> digits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = s.newCode(12);
            assertThat(code).hasSize(12).matches("[0-9]{12}");
            codes.add(code);
            code.chars().forEach(c -> digits.add((char) c));
        }
        // 10^12 possible codes: 200 draws that repeat one, or miss a digit among 2,400, would mean a broken source
        assertThat(codes).hasSize(200);
        assertThat(digits).hasSize(10);
        assertThat(s.newCode(8)).hasSize(8);
    }
}
