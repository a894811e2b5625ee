package io.telops.billing.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.telops.billing.ledger.TariffRate;

/**
 * Pricing across period boundaries, by examples computed by hand (the CGRateS rule: cut at the boundary, the
 * increment that crosses it is charged whole at the rate it started in, fee once, rounding up once per call), and
 * the hold rate's promise: no call it allows costs more than it charges, wherever the call is answered.
 */
class RateScheduleTest {
    private static final long T = 1_000_000; // an epoch second; the boundaries below are relative to it

    private static RateSchedule schedule(TariffRate first, long boundaryAfter, TariffRate second) {
        return new RateSchedule(List.of(new RateSchedule.Part(T, first), new RateSchedule.Part(T + boundaryAfter, second)));
    }

    @Test
    void oneRateBillsExactlyAsTheTariff() {
        TariffRate r = new TariffRate(7, 30, 6, 3);
        for (long billsec = 0; billsec <= 400; billsec++) {
            RateSchedule.Bill b = RateSchedule.single(r).bill(T, billsec);
            assertThat(b.costMinor()).isEqualTo(r.cost(billsec));
            assertThat(b.billedSeconds()).isEqualTo(r.billedSeconds(billsec));
        }
    }

    @Test
    void perSecondRatesSplitAtTheBoundary() {
        // peak 120/min (2 a second) until 30 s into the call, then 60/min: 30 s x 2 + 60 s x 1 = 60 + 60 = 120
        RateSchedule s = schedule(new TariffRate(120, 1, 1, 0), 30, new TariffRate(60, 1, 1, 0));
        assertThat(s.bill(T, 90)).isEqualTo(new RateSchedule.Bill(90, 120));
        // entirely before the boundary: 20 s x 2 = 40
        assertThat(s.bill(T, 20)).isEqualTo(new RateSchedule.Bill(20, 40));
        // answered after the boundary: all at 60/min, its first part: 50 s = 50
        assertThat(s.bill(T + 100, 50)).isEqualTo(new RateSchedule.Bill(50, 50));
    }

    @Test
    void theIncrementThatCrossesTheBoundaryIsChargedWholeAtTheRateItStartedIn() {
        // 60/60 with a fee of 10; boundary 30 s in; 61 s: the first minute (peak, 120) runs to 60 s, past the boundary;
        // the 1 s left starts a minute of off-peak (60): 120 + 60 + fee 10 = 190, 120 s billed
        RateSchedule s = schedule(new TariffRate(120, 60, 60, 10), 30, new TariffRate(60, 60, 60, 0));
        assertThat(s.bill(T, 61)).isEqualTo(new RateSchedule.Bill(120, 190));
        // 45 s: one minute, all at peak: 120 + 10
        assertThat(s.bill(T, 45)).isEqualTo(new RateSchedule.Bill(60, 130));
        // the off-peak fee never applies: the fee is the first part's, once
        assertThat(s.bill(T, 181)).isEqualTo(new RateSchedule.Bill(240, 10 + 120 + 3 * 60));
    }

    @Test
    void fromCheapToDearWithDifferentIncrements() {
        // off-peak 60/min, 30/6; peak 120/min, 30/6; boundary 40 s in; 50 s:
        // part 1: 40 s -> 30 + ceil(10/6) x 6 = 42 s at 60/min (to 42 s, past the boundary): 42 x 60 = 2520
        // part 2: 42 s .. 50 s = 8 s -> 12 s at 120/min: 12 x 120 = 1440
        // (2520 + 1440) / 60 = 66, rounded up once: 66; 54 s billed
        RateSchedule s = schedule(new TariffRate(60, 30, 6, 0), 40, new TariffRate(120, 30, 6, 0));
        assertThat(s.bill(T, 50)).isEqualTo(new RateSchedule.Bill(54, 66));
        // rounding once per call: 7 s at 1/min then 7 s at 2/min (1/1): (7 x 1 + 7 x 2) / 60 = 21/60 -> 1, not 1 + 1
        RateSchedule small = schedule(new TariffRate(1, 1, 1, 0), 7, new TariffRate(2, 1, 1, 0));
        assertThat(small.bill(T, 14)).isEqualTo(new RateSchedule.Bill(14, 1));
    }

    @Test
    void aPlanInTheAccountsZoneSchedulesTheBoundaryItsPeriodsHave() {
        PlanRate always = new PlanRate("49", "", Optional.empty(), new TariffRate(60, 1, 1, 0), 0, Optional.empty());
        PlanRate peak = new PlanRate("49", "peak", Optional.empty(), new TariffRate(120, 1, 1, 0), 0, Optional.empty());
        RatedPlan plan = new RatedPlan(7, "p", "EUR", false,
                List.of(new PeriodWindow("peak", PeriodWindow.parseDays("MON-FRI"), 8 * 60, 18 * 60)),
                Map.of("", Map.of("49", always), "peak", Map.of("49", peak)), 2);
        ZoneId moscow = ZoneId.of("Europe/Moscow"); // UTC+3 all year
        // Monday 2026-12-07 14:59:30 UTC is 17:59:30 in Moscow: 30 s of peak, then off-peak from 15:00:00 UTC
        Instant answered = Instant.parse("2026-12-07T14:59:30Z");
        RatedPlan.Priced priced = plan.price("4930123", answered, 3600, moscow).orElseThrow();
        assertThat(priced.start()).isEqualTo(peak);
        assertThat(priced.schedule().parts()).containsExactly(
                new RateSchedule.Part(answered.getEpochSecond(), peak.tariff()),
                new RateSchedule.Part(Instant.parse("2026-12-07T15:00:00Z").getEpochSecond(), always.tariff()));
        assertThat(priced.schedule().bill(answered.getEpochSecond(), 90).costMinor()).isEqualTo(30 * 2 + 60 * 1);
        // the same wall-clock time on Saturday: no peak window, one rate
        RatedPlan.Priced saturday = plan.price("4930123", Instant.parse("2026-12-12T14:59:30Z"), 3600, moscow).orElseThrow();
        assertThat(saturday.schedule().single()).isTrue();
        assertThat(saturday.schedule().bill(0, 90).costMinor()).isEqualTo(90);
        // Monday 07:59:00 Moscow (04:59 UTC): off-peak for 60 s, then peak until 18:00 (beyond the hour's reach)
        Instant morning = Instant.parse("2026-12-07T04:59:00Z");
        RateSchedule m = plan.price("49", morning, 3600, moscow).orElseThrow().schedule();
        assertThat(m.parts()).hasSize(2);
        assertThat(m.bill(morning.getEpochSecond(), 120).costMinor()).isEqualTo(60 * 1 + 60 * 2);
        // an unknown destination has no rate
        assertThat(plan.price("33", morning, 3600, moscow)).isEmpty();
    }

    @Test
    void theHoldRateCoversEveryCallItAllowsWhereverItIsAnswered() {
        // the brief's case: the cap crosses into a dearer period. 300 units, off-peak 60/min, peak 120/min from 60 s on
        RateSchedule s = schedule(new TariffRate(60, 1, 1, 0), 60, new TariffRate(120, 1, 1, 0));
        TariffRate hold = s.holdRate();
        assertThat(hold).isEqualTo(new TariffRate(120, 1, 1, 0));
        assertThat(new TariffRate(60, 1, 1, 0).maxAffordableSeconds(300, 3600)).isEqualTo(300); // the start rate alone
        long cap = hold.maxAffordableSeconds(300, 3600);
        assertThat(cap).isEqualTo(150);
        // answered right away: 60 s x 1 + 90 s x 2 = 240 <= 300; the start rate's 300 s would have cost 540
        assertThat(s.bill(T, cap).costMinor()).isEqualTo(240);
        assertThat(s.bill(T, 300).costMinor()).isEqualTo(540);

        // and for any schedule, answer time and length: bill <= what the hold rate charges
        Random random = new Random(18);
        for (int round = 0; round < 2000; round++) {
            TariffRate a = randomRate(random);
            TariffRate b = randomRate(random);
            TariffRate c = randomRate(random);
            RateSchedule three = new RateSchedule(List.of(new RateSchedule.Part(T, a),
                    new RateSchedule.Part(T + 1 + random.nextInt(200), b), new RateSchedule.Part(T + 250 + random.nextInt(200), c)));
            TariffRate h = three.holdRate();
            long answeredAt = T + random.nextInt(300);
            for (long billsec = 1; billsec <= 400; billsec += 1 + random.nextInt(7)) {
                assertThat(three.bill(answeredAt, billsec).costMinor()).as("round %d, %d s", round, billsec)
                        .isLessThanOrEqualTo(h.cost(billsec));
            }
        }
    }

    @Test
    void aScheduleSurvivesTheReservationColumn() {
        RateSchedule s = schedule(new TariffRate(60, 30, 6, 5), 40, new TariffRate(120, 1, 1, 0));
        assertThat(RateSchedule.decode(s.encode())).isEqualTo(s);
    }

    @Test
    void aMinimumDurationIsBilledAsACallOfThatLength() {
        PlanRate r = new PlanRate("1", "", Optional.empty(), new TariffRate(60, 1, 1, 0), 30, Optional.empty());
        assertThat(r.effective().cost(5)).isEqualTo(30);
        assertThat(r.effective().cost(31)).isEqualTo(31);
        PlanRate minutes = new PlanRate("1", "", Optional.empty(), new TariffRate(60, 60, 60, 0), 90, Optional.empty());
        assertThat(minutes.effective().cost(10)).isEqualTo(120); // 90 s rounds up to two minutes
        assertThat(minutes.effective().cost(121)).isEqualTo(180);
    }

    private static TariffRate randomRate(Random r) {
        int[] increments = {1, 6, 30, 60};
        return new TariffRate(r.nextInt(200), increments[r.nextInt(4)], increments[r.nextInt(4)], r.nextInt(20));
    }
}
