package io.telops.billing.ledger;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The tariff table: one row per destination prefix. */
@ApplicationScoped
public class Tariffs {
    private static final Pattern PREFIX = Pattern.compile("[0-9+*#]{0,32}");

    public record TariffSpec(String prefix, Optional<String> description, long ratePerMinuteMinor, int initialIncrement,
                             int subsequentIncrement, long connectionFeeMinor) {
    }

    /** Creates or replaces the tariff of a prefix. */
    @Transactional
    public Tariff put(TariffSpec spec) {
        if (spec.prefix() == null || !PREFIX.matcher(spec.prefix()).matches()) {
            throw LedgerRejection.invalid("prefix: up to 32 of 0-9 + * # (empty = every destination)");
        }
        try {
            new TariffRate(spec.ratePerMinuteMinor(), spec.initialIncrement(), spec.subsequentIncrement(), spec.connectionFeeMinor());
        } catch (IllegalArgumentException e) {
            throw LedgerRejection.invalid(e.getMessage());
        }
        Tariff t = Tariff.<Tariff>findByIdOptional(spec.prefix()).orElseGet(() -> {
            Tariff fresh = new Tariff();
            fresh.prefix = spec.prefix();
            return fresh;
        });
        t.description = spec.description().orElse(null);
        t.ratePerMinuteMinor = spec.ratePerMinuteMinor();
        t.initialIncrement = spec.initialIncrement();
        t.subsequentIncrement = spec.subsequentIncrement();
        t.connectionFeeMinor = spec.connectionFeeMinor();
        t.persist();
        return t;
    }

    @Transactional
    public Tariff get(String prefix) {
        return Tariff.<Tariff>findByIdOptional(prefix).orElseThrow(() -> LedgerRejection.notFound("no tariff for prefix '" + prefix + "'"));
    }

    @Transactional
    public List<Tariff> list() {
        return Tariff.listAll(io.quarkus.panache.common.Sort.by("prefix"));
    }

    @Transactional
    public Optional<Tariff> match(String destination) {
        return Tariff.forDestination(destination);
    }

    @Transactional
    public void delete(String prefix) {
        if (!Tariff.deleteById(prefix)) {
            throw LedgerRejection.notFound("no tariff for prefix '" + prefix + "'");
        }
    }
}
