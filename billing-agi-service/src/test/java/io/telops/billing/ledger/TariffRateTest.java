package io.telops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every expected figure below was worked out by hand; the comments show the arithmetic. */
class TariffRateTest {
    @Test
    void perMinuteBilling6060() {
        TariffRate r = new TariffRate(12, 60, 60, 0); // 12 minor units a started minute
        assertThat(r.cost(0)).isZero();                 // unanswered: free
        assertThat(r.billedSeconds(1)).isEqualTo(60);
        assertThat(r.cost(1)).isEqualTo(12);            // 60 s * 12 / 60
        assertThat(r.cost(60)).isEqualTo(12);
        assertThat(r.billedSeconds(61)).isEqualTo(120);
        assertThat(r.cost(61)).isEqualTo(24);           // 120 s
        assertThat(r.cost(179)).isEqualTo(36);          // 180 s
    }

    @Test
    void perSecondBilling11RoundsTheCallUpOnce() {
        TariffRate r = new TariffRate(7, 1, 1, 0);
        assertThat(r.cost(1)).isEqualTo(1);             // 7/60 = 0.117 -> 1
        assertThat(r.cost(59)).isEqualTo(7);            // 413/60 = 6.88 -> 7
        assertThat(r.cost(61)).isEqualTo(8);            // 427/60 = 7.12 -> 8
        assertThat(r.cost(600)).isEqualTo(70);          // 4200/60 exactly
    }

    @Test
    void thirtySixIncrementsWithAConnectionFee() {
        TariffRate r = new TariffRate(10, 30, 6, 5);
        assertThat(r.billedSeconds(10)).isEqualTo(30);  // first 30 s
        assertThat(r.cost(10)).isEqualTo(10);           // 5 + 30*10/60 = 5 + 5
        assertThat(r.billedSeconds(31)).isEqualTo(36);  // 30 + one 6 s step
        assertThat(r.cost(31)).isEqualTo(11);           // 5 + ceil(360/60) = 5 + 6
        assertThat(r.billedSeconds(37)).isEqualTo(42);
        assertThat(r.cost(37)).isEqualTo(12);           // 5 + 420/60 = 5 + 7
        assertThat(r.billedSeconds(43)).isEqualTo(48);
        assertThat(r.cost(43)).isEqualTo(13);           // 5 + 480/60 = 5 + 8
    }

    @Test
    void maxAffordableSecondsIsExactAtTheBoundary() {
        TariffRate r = new TariffRate(12, 60, 60, 0);
        assertThat(r.maxAffordableSeconds(11, 3600)).isZero();      // first minute costs 12
        assertThat(r.maxAffordableSeconds(12, 3600)).isEqualTo(60);
        assertThat(r.maxAffordableSeconds(35, 3600)).isEqualTo(120); // 2 min = 24, 3 min = 36 > 35
        assertThat(r.maxAffordableSeconds(36, 3600)).isEqualTo(180);
        assertThat(r.maxAffordableSeconds(1_000_000, 3600)).isEqualTo(3600); // capped

        TariffRate s = new TariffRate(7, 1, 1, 0);
        assertThat(s.maxAffordableSeconds(7, 3600)).isEqualTo(60);  // 60*7 = 420 <= 7*60; 61 s would cost 8
        assertThat(s.cost(60)).isEqualTo(7);
        assertThat(s.cost(61)).isEqualTo(8);

        TariffRate f = new TariffRate(10, 30, 6, 5);
        assertThat(f.maxAffordableSeconds(9, 3600)).isZero();       // 5 + 5 = 10 > 9
        assertThat(f.maxAffordableSeconds(12, 3600)).isEqualTo(42); // budget 7 -> 42 s; 48 s would cost 13
        assertThat(f.cost(42)).isEqualTo(12);

        assertThat(new TariffRate(0, 1, 1, 0).maxAffordableSeconds(0, 900)).isEqualTo(900); // free destination
    }

    @Test
    void affordableNeverExceedsTheBalance() {
        TariffRate[] rates = {new TariffRate(12, 60, 60, 0), new TariffRate(7, 1, 1, 3), new TariffRate(33, 30, 6, 9)};
        for (TariffRate r : rates) {
            for (long balance = 0; balance < 500; balance++) {
                long s = r.maxAffordableSeconds(balance, 100_000);
                if (s > 0) {
                    assertThat(r.cost(s)).isLessThanOrEqualTo(balance);
                    assertThat(r.cost(s + 1)).as("one second more must not fit %s at %d", r, balance)
                            .isGreaterThan(balance);
                }
            }
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TariffRate(-1, 60, 60, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TariffRate(1, 0, 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
