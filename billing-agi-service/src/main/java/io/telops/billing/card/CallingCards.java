package io.telops.billing.card;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.voucher.CodeSecret;

/**
 * Calling cards: a PIN linked to one account (table {@code calling_card}, V20). The card IVR authorises, settles and
 * credits vouchers as that account, through the ordinary call path. The PIN is stored as its keyed digest only and
 * shown once, when issued.
 */
@ApplicationScoped
public class CallingCards {
    private static final String DIGEST_TAKEN = "select 1 from calling_card where pin_digest = ?";
    private static final String UPSERT = """
            insert into calling_card (account_id, pin_digest, created_at) values (?, ?, ?)
            on conflict (account_id) do update set pin_digest = excluded.pin_digest, created_at = excluded.created_at""";
    private static final String BY_DIGEST = """
            select a.id, a.username, a.clid, a.balance_minor
              from calling_card c join account a on a.id = c.account_id
             where c.pin_digest = ? and a.status = 'ACTIVE'""";
    private static final String BY_IMSI = "select id, username, clid, balance_minor from account where imsi = ? and status = 'ACTIVE'";
    private static final String BY_CLID = "select id, username, clid, balance_minor from account where clid = ? and status = 'ACTIVE'";
    private static final String BY_ID = "select id, username, clid, balance_minor from account where id = ?";

    private final CodeSecret secret;
    private final Accounts accounts;
    private final EntityManager em;
    private final int pinDigits;
    private final Pattern pin;

    CallingCards(CodeSecret secret, Accounts accounts, EntityManager em, CardConfig config) {
        if (config.pinDigits() < 8 || config.pinDigits() > 20) {
            throw new IllegalArgumentException("telops.billing.card.pin-digits: 8 to 20, got " + config.pinDigits());
        }
        this.secret = secret;
        this.accounts = accounts;
        this.em = em;
        this.pinDigits = config.pinDigits();
        this.pin = Pattern.compile("[0-9]{" + pinDigits + "}");
    }

    /** Issues a card for an account, or a new PIN for its card (the old one stops working). */
    @Transactional
    public IssuedCard issue(String username) {
        Account a = accounts.get(username);
        return jdbc(c -> {
            while (true) {
                String candidate = secret.newCode(pinDigits);
                byte[] digest = secret.digest(CodeSecret.Domain.CARD, candidate);
                try (PreparedStatement taken = c.prepareStatement(DIGEST_TAKEN)) {
                    taken.setBytes(1, digest);
                    try (ResultSet rs = taken.executeQuery()) {
                        if (rs.next()) {
                            continue; // another card has these digits: draw again
                        }
                    }
                }
                try (PreparedStatement st = c.prepareStatement(UPSERT)) {
                    st.setLong(1, a.id);
                    st.setBytes(2, digest);
                    st.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                    st.executeUpdate();
                }
                return new IssuedCard(a.id, a.username, candidate);
            }
        });
    }

    /** The active account whose card has this PIN. Anything but exactly pin-digits digits is refused unread. */
    @Transactional
    public Optional<CardHolder> authenticate(String typed) {
        if (typed == null || !pin.matcher(typed).matches()) {
            return Optional.empty();
        }
        return one(BY_DIGEST, secret.digest(CodeSecret.Domain.CARD, typed));
    }

    /** The active account of a caller, as authorise finds it: by IMSI when the channel has one, else by CLID. */
    @Transactional
    public Optional<CardHolder> caller(Optional<String> imsi, Optional<String> clid) {
        Optional<CardHolder> byImsi = imsi.flatMap(i -> one(BY_IMSI, i));
        return byImsi.isPresent() ? byImsi : clid.flatMap(c -> one(BY_CLID, c));
    }

    /** The account now (its balance after a voucher, say). */
    @Transactional
    public CardHolder reload(long accountId) {
        return one(BY_ID, accountId).orElseThrow(() -> new IllegalStateException("account " + accountId + " vanished"));
    }

    public int pinDigits() {
        return pinDigits;
    }

    private Optional<CardHolder> one(String sql, Object key) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setObject(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new CardHolder(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                            : Optional.empty();
                }
            }
        });
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
