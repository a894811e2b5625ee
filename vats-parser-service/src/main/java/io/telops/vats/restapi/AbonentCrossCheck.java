package io.telops.vats.restapi;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.telops.contracts.vats.TrunkState;

/** Compares the scraped trunks with the REST API's abonents: who is missing on either side. Pure. */
public final class AbonentCrossCheck {
    private AbonentCrossCheck() {
    }

    public static CrossCheckReport compare(Map<Long, TrunkState> scraped, List<DirectoryAbonent> api, MatchBy by, Instant at) {
        return compare(scraped, Set.of(), api, by, at);
    }

    /**
     * {@code listedWithoutNumber}: abonents the cabinet listed but the sync skipped for want of a number. By id they
     * are still the cabinet's; by phone number they cannot match anything.
     */
    public static CrossCheckReport compare(Map<Long, TrunkState> scraped, Set<Long> listedWithoutNumber, List<DirectoryAbonent> api,
                                           MatchBy by, Instant at) {
        Set<String> cabinet = by == MatchBy.ID
                ? Stream.concat(scraped.keySet().stream(), listedWithoutNumber.stream()).map(String::valueOf)
                        .collect(Collectors.toCollection(LinkedHashSet::new))
                : scraped.values().stream().map(TrunkState::phoneNumber).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> listed = keys(api, by);
        List<String> missingInApi = cabinet.stream().filter(k -> !listed.contains(k)).toList();
        List<String> missingInCabinet = listed.stream().filter(k -> !cabinet.contains(k)).toList();
        boolean match = missingInApi.isEmpty() && missingInCabinet.isEmpty();
        String detail;
        if (match) {
            detail = cabinet.size() + " trunks in the cabinet, all listed by the REST API (by " + by + ")";
        } else {
            detail = missingInApi.size() + " of " + cabinet.size() + " cabinet trunks not listed by the REST API, "
                    + missingInCabinet.size() + " of " + listed.size() + " REST API abonents not shown by the cabinet (by " + by + ")";
            if (by == MatchBy.ID && missingInApi.size() == cabinet.size()) {
                Set<String> phones = keys(api, MatchBy.PHONE_NUMBER);
                long samePhones = scraped.values().stream().filter(s -> phones.contains(s.phoneNumber())).count();
                if (samePhones * 2 >= cabinet.size() && samePhones > 0) {
                    detail += "; no id in common, yet " + samePhones + " phone numbers match: userId may not be the cabinet's "
                            + "abonent id, try telops.vats.rest-api.match-by=phone-number";
                }
            }
            if (by == MatchBy.PHONE_NUMBER) {
                long noPhone = api.stream().filter(a -> a.phoneNumber().isEmpty()).count();
                if (noPhone > 0) {
                    detail += "; " + noPhone + " REST API abonents carry no phoneNumber and were left out";
                }
            }
        }
        return new CrossCheckReport(match ? "match" : "mismatch", at, by, cabinet.size(), api.size(), missingInApi.size(),
                missingInCabinet.size(), sample(missingInApi), sample(missingInCabinet), detail);
    }

    private static Set<String> keys(Collection<DirectoryAbonent> api, MatchBy by) {
        return by == MatchBy.ID
                ? api.stream().map(a -> String.valueOf(a.userId())).collect(Collectors.toCollection(LinkedHashSet::new))
                : api.stream().flatMap(a -> a.phoneNumber().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> sample(List<String> keys) {
        return keys.size() <= CrossCheckReport.SAMPLE ? keys : keys.subList(0, CrossCheckReport.SAMPLE);
    }
}
