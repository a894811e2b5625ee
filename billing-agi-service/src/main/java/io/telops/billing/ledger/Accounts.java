package io.telops.billing.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Subscriber accounts: create, change, close. Passwords are stored as bcrypt hashes only. */
@ApplicationScoped
public class Accounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,31}");
    /** The IMSI column holds up to 20 characters. */
    private static final int IMSI_COLUMN = 20;

    private final int imsiMin;
    private final int imsiMax;
    private final Pattern imsi;
    private final String currency;

    Accounts(BillingConfig config) {
        this.currency = config.currency();
        this.imsiMin = config.imsiMinDigits();
        this.imsiMax = config.imsiMaxDigits();
        if (imsiMin < 1 || imsiMax < imsiMin || imsiMax > IMSI_COLUMN) {
            throw new IllegalArgumentException("telops.billing.imsi-min-digits/imsi-max-digits: need 1 <= min <= max <= "
                    + IMSI_COLUMN + ", got " + imsiMin + "/" + imsiMax);
        }
        this.imsi = Pattern.compile("[0-9]{" + imsiMin + "," + imsiMax + "}");
    }

    /** The fields of a new account; absent imsi means none. */
    public record NewAccount(String username, String password, String clid, Optional<String> imsi, boolean admin) {
    }

    /** A partial change: absent fields stay as they are. */
    public record AccountChange(Optional<String> username, Optional<String> password, Optional<String> clid,
                                Optional<String> imsi, Optional<Boolean> admin, Optional<AccountStatus> status) {
    }

    /** Fraud limits of an account; absent: none. Permissions: tags a destination's rate may require. */
    public record CallLimits(Optional<Integer> maxConcurrentCalls, Optional<Long> maxSpendHourMinor,
                             Optional<Long> maxSpendDayMinor, List<String> permissions) {
    }

    /** Creates an account in a currency (absent: telops.billing.currency). */
    @Transactional
    public Account create(NewAccount n, Optional<String> currency) {
        Account a = create(n);
        if (currency.isPresent()) {
            if (!currency.get().matches("[A-Z]{3}")) {
                throw LedgerRejection.invalid("currency: an ISO 4217 code such as USD");
            }
            a.currency = currency.get();
        }
        return a;
    }

    /** Replaces an account's fraud limits. */
    @Transactional
    public Account limit(String username, CallLimits limits) {
        Account a = get(username);
        limits.maxConcurrentCalls().filter(n -> n < 0).ifPresent(n -> {
            throw LedgerRejection.invalid("maxConcurrentCalls: not negative");
        });
        if (limits.maxSpendHourMinor().filter(n -> n < 0).isPresent() || limits.maxSpendDayMinor().filter(n -> n < 0).isPresent()) {
            throw LedgerRejection.invalid("spend limits: not negative");
        }
        if (limits.permissions().size() > 12 || limits.permissions().stream().anyMatch(p -> p == null || !p.matches("[A-Za-z0-9_-]{1,32}"))) {
            throw LedgerRejection.invalid("permissions: up to 12 tags of 1-32 of A-Z a-z 0-9 _ -");
        }
        a.maxConcurrentCalls = limits.maxConcurrentCalls().orElse(null);
        a.maxSpendHourMinor = limits.maxSpendHourMinor().orElse(null);
        a.maxSpendDayMinor = limits.maxSpendDayMinor().orElse(null);
        a.permissions = limits.permissions().isEmpty() ? null : String.join(",", limits.permissions().stream().distinct().toList());
        a.updatedAt = Instant.now();
        return a;
    }

    @Transactional
    public Account create(NewAccount n) {
        validateUsername(n.username());
        validatePassword(n.password());
        validateClid(n.clid());
        n.imsi().ifPresent(this::validateImsi);
        unique(n.username(), n.clid(), n.imsi(), null);
        Account a = new Account();
        a.username = n.username();
        a.passwordHash = BcryptUtil.bcryptHash(n.password());
        a.clid = n.clid();
        a.imsi = n.imsi().orElse(null);
        a.admin = n.admin();
        a.status = AccountStatus.ACTIVE;
        a.balanceMinor = 0;
        a.currency = currency;
        a.timeZone = "UTC";
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.persist();
        return a;
    }

    @Transactional
    public Account change(String username, AccountChange c) {
        Account a = get(username);
        c.username().ifPresent(Accounts::validateUsername);
        c.password().ifPresent(Accounts::validatePassword);
        c.clid().ifPresent(Accounts::validateClid);
        c.imsi().filter(i -> !i.isEmpty()).ifPresent(this::validateImsi);
        if (c.status().filter(s -> s == AccountStatus.DELETED).isPresent()) {
            throw LedgerRejection.invalid("use DELETE to close an account");
        }
        unique(c.username().filter(u -> !u.equals(a.username)).orElse(null),
                c.clid().filter(x -> !x.equals(a.clid)).orElse(null),
                c.imsi().filter(i -> !i.isEmpty() && !i.equals(a.imsi)), a.id);
        c.username().ifPresent(u -> a.username = u);
        c.password().ifPresent(p -> a.passwordHash = BcryptUtil.bcryptHash(p));
        c.clid().ifPresent(x -> a.clid = x);
        c.imsi().ifPresent(i -> a.imsi = i.isEmpty() ? null : i);
        c.admin().ifPresent(x -> a.admin = x);
        c.status().ifPresent(s -> a.status = s);
        a.updatedAt = Instant.now();
        return a;
    }

    /**
     * Closes an account. Its ledger, CDRs and balance stay (append-only history); its username, CLID and IMSI
     * are released for reuse by renaming them with a tombstone suffix.
     */
    @Transactional
    public void delete(String username) {
        Account a = Account.lock(get(username).id);
        long open = Reservation.count("accountId = ?1 and state = ?2", a.id, ReservationState.OPEN);
        if (open > 0) {
            throw LedgerRejection.conflict("account " + username + " has " + open + " call(s) in progress");
        }
        String tomb = "~" + a.id;
        a.username = cut(a.username, 64 - tomb.length()) + tomb;
        a.clid = cut(a.clid, 32 - tomb.length()) + tomb;
        a.imsi = null;
        a.status = AccountStatus.DELETED;
        a.updatedAt = Instant.now();
        BillingGroup.<BillingGroup>stream("select g from BillingGroup g join g.members m where m.id = ?1", a.id)
                .forEach(g -> g.members.removeIf(m -> m.id.equals(a.id)));
    }

    @Transactional
    public Account get(String username) {
        return Account.byUsername(username).orElseThrow(() -> LedgerRejection.notFound("no account '" + username + "'"));
    }

    @Transactional
    public Account get(long id) {
        Account a = Account.findById(id);
        if (a == null || a.status == AccountStatus.DELETED) {
            throw LedgerRejection.notFound("no account with id " + id);
        }
        return a;
    }

    @Transactional
    public List<Account> list(Optional<String> clid, Optional<String> imsi, int offset, int limit) {
        StringBuilder q = new StringBuilder("status <> :deleted");
        io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("deleted", AccountStatus.DELETED);
        if (clid.isPresent()) {
            q.append(" and clid = :clid");
            p = p.and("clid", clid.get());
        }
        if (imsi.isPresent()) {
            q.append(" and imsi = :imsi");
            p = p.and("imsi", imsi.get());
        }
        return Account.<Account>find(q + " order by id", p).range(offset, offset + limit - 1).list();
    }

    /** The account of this username while it is active (neither blocked nor deleted). */
    @Transactional
    public Optional<Account> active(String username) {
        return Account.byUsername(username).filter(a -> a.status == AccountStatus.ACTIVE);
    }

    /** Checks a subscriber's own password (for the login form). */
    @Transactional
    public Optional<Account> verify(String username, char[] password) {
        return Account.byUsername(username).filter(a -> a.status == AccountStatus.ACTIVE)
                .filter(a -> BcryptUtil.matches(new String(password), a.passwordHash));
    }

    private static void unique(String username, String clid, Optional<String> imsi, Long self) {
        if (username != null && Account.count("username", username) > 0) {
            throw LedgerRejection.conflict("username '" + username + "' is taken");
        }
        if (clid != null && Account.count("clid", clid) > 0) {
            throw LedgerRejection.conflict("clid '" + clid + "' belongs to another account");
        }
        if (imsi.isPresent() && Account.count("imsi", imsi.get()) > 0) {
            throw LedgerRejection.conflict("imsi '" + imsi.get() + "' belongs to another account");
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void validateUsername(String u) {
        if (u == null || !USERNAME.matcher(u).matches()) {
            throw LedgerRejection.invalid("username: 1-64 characters of A-Z a-z 0-9 . _ @ -");
        }
    }

    private static void validatePassword(String p) {
        if (p == null || p.length() < 6 || p.length() > 72) {
            throw LedgerRejection.invalid("password: 6 to 72 characters");
        }
    }

    private static void validateClid(String c) {
        if (c == null || !NUMBER.matcher(c).matches()) {
            throw LedgerRejection.invalid("clid: digits, optionally with a leading +");
        }
    }

    private void validateImsi(String i) {
        if (!imsi.matcher(i).matches()) {
            throw LedgerRejection.invalid("imsi: " + imsiMin + " to " + imsiMax + " digits");
        }
    }
}
