package io.telops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.BillingFixtures.OutboxRow;
import io.telops.contracts.EventJson;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Every balance-changed event carries the account's ledger sequence, 1, 2, 3 ... in commit order, whichever path
 * moved the balance (top-up, authorise, settle, expiry, deduction), so a reader orders by it and not by time.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class LedgerSequenceTest {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    Ledger ledger;

    @Test
    void everyBalanceChangeCarriesTheNextLedgerSequenceOfItsAccount() throws Exception {
        fixtures.tariff("4976", 60, 1, 1, 0);
        Account a = fixtures.account(100); // 1: the fixture's top-up
        String first = "seq.1." + BillingFixtures.unique();
        String second = "seq.2." + BillingFixtures.unique();
        billing.authorise(call(a, first)); // 2: reserves 100
        billing.settle(first, 30, a.clid, "c"); // 3: releases 100, debits 30
        billing.authorise(call(a, second)); // 4: reserves 70
        fixtures.sql("update reservation set expires_at = now() - interval '1 second' where call_unique_id = ?", second);
        billing.expireDue(Instant.now(), 1000); // 5: releases 70
        ledger.adjust(a.id, -20, "fixture", "test"); // 6: deduction
        assertThat(sequences(a)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void concurrentChangesOfOneAccountGetDistinctSequencesInCommitOrder() throws Exception {
        fixtures.tariff("4977", 1, 60, 60, 0); // a call capped at 3600 s holds 60
        Account a = fixtures.account(2000); // enough for all 20 (1200), so every one changes the balance
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String uid = "seq.c." + i + "." + BillingFixtures.unique();
                all.add(pool.submit(() -> billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49771", "c"))));
                all.add(pool.submit(() -> ledger.adjust(a.id, 5, "top-up", "test")));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // outbox rows are inserted under the account lock, so their order is the commit order
        List<Long> seqs = sequences(a);
        assertThat(seqs).hasSize(41);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
    }

    private static CallRequest call(Account a, String uid) {
        return new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49761", "c");
    }

    private List<Long> sequences(Account a) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (OutboxRow row : fixtures.outbox("event_key = ? and ce_type = ?", String.valueOf(a.id), BillingEventTypes.BALANCE_CHANGED.type())) {
            seqs.add(JSON.readValue(row.payload(), BalanceChanged.class).ledgerSeq().orElse(-1L));
        }
        return seqs;
    }
}
