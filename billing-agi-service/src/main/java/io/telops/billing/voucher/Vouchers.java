package io.telops.billing.voucher;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.AccountStatus;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.EntryKind;
import io.telops.billing.ledger.Ledger;
import io.telops.billing.ledger.LedgerEntry;
import io.telops.billing.ledger.LedgerRejection;

/**
 * Voucher batches and redemption. A code is stored only as its digest ({@link CodeSecret}). Redeeming is one
 * conditional UPDATE of the voucher row in the same transaction as the ledger credit: of any number of concurrent
 * redemptions of one code exactly one matches, the others wait for its row lock and then find it redeemed.
 */
@ApplicationScoped
public class Vouchers {
    private static final Logger LOG = Logger.getLogger(Vouchers.class);
    public static final int MIN_DIGITS = 10;
    public static final int MAX_DIGITS = 20;
    private static final Pattern CODE = Pattern.compile("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}");
    /** The balance-changed reason: the event contract has no VOUCHER reason (yet), and a voucher is a top-up. */
    private static final String EVENT_REASON = "TOPUP";

    private static final String INSERT_BATCH = """
            insert into voucher_batch (size, digits, value_minor, currency, expires_at, created_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CODE = "insert into voucher (batch_id, code_digest) values (?, ?) on conflict do nothing";
    private static final String CLAIM = """
            update voucher v set redeemed_at = ?, redeemed_by = ?
              from voucher_batch b
             where v.code_digest = ? and b.id = v.batch_id and v.redeemed_at is null and b.expires_at > ? and b.currency = ?
            returning v.id, b.id, b.value_minor""";
    private static final String WHY_NOT = """
            select v.redeemed_at is not null, b.expires_at <= ?, b.currency <> ?
              from voucher v join voucher_batch b on b.id = v.batch_id where v.code_digest = ?""";
    private static final String LINK_ENTRY = "update voucher set ledger_entry_id = ? where id = ?";
    private static final String BATCH = """
            select b.id, b.size, b.digits, b.value_minor, b.currency, b.expires_at, b.created_by, b.created_at,
                   (select count(*) from voucher v where v.batch_id = b.id and v.redeemed_at is not null)
              from voucher_batch b where b.id = ?""";

    private final CodeSecret secret;
    private final CodesConfig config;
    private final BillingConfig billing;
    private final Ledger ledger;
    private final EntityManager em;
    private final MeterRegistry metrics;

    Vouchers(CodeSecret secret, CodesConfig config, BillingConfig billing, Ledger ledger, EntityManager em,
             MeterRegistry metrics) {
        this.secret = secret;
        this.config = config;
        this.billing = billing;
        this.ledger = ledger;
        this.em = em;
        this.metrics = metrics;
    }

    /** What an admin asks for: {@code count} codes of {@code digits} digits, each worth {@code valueMinor}. */
    public record NewBatch(int count, int digits, long valueMinor, String currency, Instant expiresAt) {
    }

    /** Generates a batch; the answer is the only place its codes ever appear. */
    @Transactional
    public VoucherBatch generate(NewBatch n, String actor) {
        validate(n);
        Instant now = Instant.now();
        long batchId = jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT_BATCH, Statement.RETURN_GENERATED_KEYS)) {
                st.setInt(1, n.count());
                st.setInt(2, n.digits());
                st.setLong(3, n.valueMinor());
                st.setString(4, n.currency());
                st.setObject(5, utc(n.expiresAt()));
                st.setString(6, actor);
                st.setObject(7, utc(now));
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        List<String> codes = new ArrayList<>(n.count());
        jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT_CODE)) {
                while (codes.size() < n.count()) {
                    List<String> round = new ArrayList<>();
                    for (int i = codes.size(); i < n.count(); i++) {
                        String code = secret.newCode(n.digits());
                        round.add(code);
                        st.setLong(1, batchId);
                        st.setBytes(2, secret.digest(CodeSecret.Domain.VOUCHER, code));
                        st.addBatch();
                    }
                    int[] counts = st.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] != 0) {
                            codes.add(round.get(i)); // 0: the digest exists already, drawn again next round
                        }
                    }
                }
                return null;
            }
        });
        metrics.counter("telops.billing.vouchers.generated").increment(n.count());
        LOG.infof("voucher batch %d: %d codes of %d digits, %d %s each, by %s", batchId, n.count(), n.digits(),
                n.valueMinor(), n.currency(), actor);
        return new VoucherBatch(batchId, n.count(), n.digits(), n.valueMinor(), n.currency(), n.expiresAt(), actor, now, 0,
                List.copyOf(codes));
    }

    /** A batch without its codes, with how many were redeemed. */
    @Transactional
    public VoucherBatch batch(long id) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(BATCH)) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw LedgerRejection.notFound("no voucher batch " + id);
                    }
                    return new VoucherBatch(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getLong(9), List.of());
                }
            }
        });
    }

    /**
     * Redeems a code for an account: claims the voucher and credits its value as a VOUCHER ledger entry with a
     * balance-changed event, in one transaction. The code is hostile input: anything but 10 to 20 digits is refused
     * before any lookup.
     */
    @Transactional
    public Redemption redeem(String code, long accountId, String actor) {
        if (code == null || !CODE.matcher(code).matches()) {
            return refused(VoucherRefusal.NOT_A_CODE);
        }
        byte[] digest = secret.digest(CodeSecret.Domain.VOUCHER, code);
        // the account first: nothing else locks a voucher row, so this order cannot deadlock with the call path
        Account a = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.status == AccountStatus.DELETED) {
            throw LedgerRejection.notFound("no account with id " + accountId);
        }
        Instant now = Instant.now();
        Optional<long[]> claimed = jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(CLAIM)) {
                st.setObject(1, utc(now));
                st.setLong(2, accountId);
                st.setBytes(3, digest);
                st.setObject(4, utc(now));
                st.setString(5, billing.currency());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}) : Optional.empty();
                }
            }
        });
        if (claimed.isEmpty()) {
            return refused(whyNot(digest, now));
        }
        long voucherId = claimed.get()[0];
        long batchId = claimed.get()[1];
        long value = claimed.get()[2];
        LedgerEntry entry = ledger.post(a, EntryKind.VOUCHER, value, null, "voucher " + voucherId + " of batch " + batchId,
                actor, now);
        ledger.balanceChanged(a, value, EVENT_REASON, now);
        jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(LINK_ENTRY)) {
                st.setLong(1, entry.id);
                st.setLong(2, voucherId);
                return st.executeUpdate();
            }
        });
        metrics.counter("telops.billing.vouchers.redeemed", "outcome", "credited").increment();
        return new Redemption.Credited(voucherId, batchId, accountId, value, a.balanceMinor, entry.id);
    }

    private VoucherRefusal whyNot(byte[] digest, Instant now) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(WHY_NOT)) {
                st.setObject(1, utc(now));
                st.setString(2, billing.currency());
                st.setBytes(3, digest);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return VoucherRefusal.UNKNOWN;
                    }
                    if (rs.getBoolean(1)) {
                        return VoucherRefusal.USED;
                    }
                    return rs.getBoolean(2) ? VoucherRefusal.EXPIRED : VoucherRefusal.WRONG_CURRENCY;
                }
            }
        });
    }

    private Redemption refused(VoucherRefusal reason) {
        metrics.counter("telops.billing.vouchers.redeemed", "outcome", reason.name().toLowerCase()).increment();
        return new Redemption.Refused(reason);
    }

    private void validate(NewBatch n) {
        if (n.count() < 1 || n.count() > config.maxBatchSize()) {
            throw LedgerRejection.invalid("count: 1 to " + config.maxBatchSize());
        }
        if (n.digits() < MIN_DIGITS || n.digits() > MAX_DIGITS) {
            throw LedgerRejection.invalid("digits: " + MIN_DIGITS + " to " + MAX_DIGITS);
        }
        if (n.valueMinor() <= 0) {
            throw LedgerRejection.invalid("valueMinor must be positive");
        }
        if (!billing.currency().equals(n.currency())) {
            throw LedgerRejection.invalid("currency: accounts are in " + billing.currency());
        }
        if (n.expiresAt() == null || !n.expiresAt().isAfter(Instant.now())) {
            throw LedgerRejection.invalid("expiresAt must be in the future");
        }
        // fewer possible codes than a batch needs would never finish; demand a sparse space (guessing stays hopeless)
        if (Math.pow(10, n.digits()) < 1_000_000.0 * n.count()) {
            throw LedgerRejection.invalid("digits: too few for " + n.count() + " codes");
        }
    }

    /** Plain JDBC on the connection of the current JTA transaction (the one Hibernate and the ledger use). */
    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
