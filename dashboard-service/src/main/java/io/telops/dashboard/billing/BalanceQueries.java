package io.telops.dashboard.billing;

import static io.telops.dashboard.domain.NativeRows.instant;
import static io.telops.dashboard.domain.NativeRows.number;
import static io.telops.dashboard.domain.NativeRows.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.telops.dashboard.domain.NativeRows;
import io.telops.dashboard.phone.Page;

/** Reads the balances view for the API and the page. */
@ApplicationScoped
@Transactional
public class BalanceQueries {
    private final NativeRows rows;

    BalanceQueries(EntityManager entityManager) {
        this.rows = new NativeRows(entityManager);
    }

    /** Accounts, most recently active first. */
    public Page<AccountView> accounts(int page, int size) {
        return rows.page("select count(*) from bl_account",
                "select * from bl_account order by last_event_at desc, account_id limit :limit offset :offset", Map.of(),
                page, size, r -> r.stream().map(BalanceQueries::account).toList());
    }

    public Optional<AccountView> account(long accountId) {
        return rows.list("select * from bl_account where account_id = :account", Map.of("account", accountId))
                .stream().map(BalanceQueries::account).findFirst();
    }

    /** Ledger events, newest first, of one account or of all (refusals of unknown callers included). */
    public Page<LedgerEntry> events(Optional<Long> accountId, int page, int size) {
        String where = accountId.isPresent() ? " where account_id = :account" : "";
        Map<String, Object> params = new LinkedHashMap<>();
        accountId.ifPresent(a -> params.put("account", a));
        return rows.page("select count(*) from bl_event" + where,
                "select * from bl_event" + where + " order by occurred_at desc, applied_seq desc limit :limit offset :offset", params,
                page, size, r -> r.stream().map(BalanceQueries::entry).toList());
    }

    private static AccountView account(Tuple r) {
        return new AccountView(number(r.get("account_id")).orElseThrow(), text(r, "username"), text(r, "currency"),
                number(r.get("balance_minor")), Optional.ofNullable(r.get("balance_at")).map(NativeRows::instant),
                number(r.get("calls_authorised")).orElse(0L), number(r.get("calls_refused")).orElse(0L),
                number(r.get("calls_settled")).orElse(0L), number(r.get("spent_minor")).orElse(0L),
                instant(r.get("last_event_at")), Boolean.TRUE.equals(r.get("low")), number(r.get("low_threshold_minor")),
                Optional.ofNullable(r.get("low_since")).map(NativeRows::instant));
    }

    private static LedgerEntry entry(Tuple r) {
        return new LedgerEntry(r.get("event_id", String.class), r.get("event_key", String.class), number(r.get("account_id")),
                r.get("kind", String.class), instant(r.get("occurred_at")), number(r.get("amount_minor")),
                number(r.get("balance_minor")), text(r, "currency"), text(r, "reason"), text(r, "call_id"),
                text(r, "caller_id"), text(r, "destination"), r.get("summary", String.class));
    }





}
