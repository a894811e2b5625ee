package io.telops.dashboard.phone;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search terms known to be committed in {@code phone_term}, most recently used last. A busy desk repeats the
 * same parties all day; skipping the ones already stored spares the insert its index probes. Only terms of
 * committed transactions go in, so a forgotten or rolled-back term is simply inserted again (on conflict
 * nothing happens).
 */
final class KnownTerms {
    private final Map<PhoneProjection.Term, Boolean> terms;

    KnownTerms(int capacity) {
        this.terms = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PhoneProjection.Term, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The terms not known to be stored yet, in their order. */
    synchronized List<PhoneProjection.Term> unknown(Collection<PhoneProjection.Term> candidates) {
        return candidates.stream().filter(t -> terms.get(t) == null).toList();
    }

    synchronized void committed(Collection<PhoneProjection.Term> stored) {
        stored.forEach(t -> terms.put(t, Boolean.TRUE));
    }

    synchronized int size() {
        return terms.size();
    }
}
