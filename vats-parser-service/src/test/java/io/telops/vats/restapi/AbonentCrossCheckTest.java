package io.telops.vats.restapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.telops.contracts.vats.TrunkState;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.tls.CabinetTls;

/** The comparison itself, the parsing of the documented answer, and the client against the simulator's REST API. */
class AbonentCrossCheckTest {
    private static TrunkState trunk(String phone) {
        return new TrunkState(phone, Optional.empty(), true, false, true, false, true);
    }

    private static Map<Long, TrunkState> scraped() {
        Map<Long, TrunkState> m = new LinkedHashMap<>();
        m.put(1L, trunk("79160000001"));
        m.put(2L, trunk("79160000002"));
        m.put(3L, trunk("79160000003"));
        return m;
    }

    private static DirectoryAbonent abonent(long id, String phone) {
        return new DirectoryAbonent(id, Optional.ofNullable(phone), Optional.empty());
    }

    @Test
    void sameSetsMatchAndMissingOnEitherSideIsListed() {
        CrossCheckReport match = AbonentCrossCheck.compare(scraped(),
                List.of(abonent(3, null), abonent(1, "79160000001"), abonent(2, "79160000002")), MatchBy.ID, Instant.EPOCH);
        assertThat(match.state()).isEqualTo("match");
        assertThat(match.healthy()).isTrue();

        CrossCheckReport mismatch = AbonentCrossCheck.compare(scraped(),
                List.of(abonent(1, "79160000001"), abonent(3, "79160000003"), abonent(9, "79160000009")), MatchBy.ID, Instant.EPOCH);
        assertThat(mismatch.state()).isEqualTo("mismatch");
        assertThat(mismatch.healthy()).isFalse();
        assertThat(mismatch.missingInApi()).containsExactly("2");
        assertThat(mismatch.missingInCabinet()).containsExactly("9");
        assertThat(mismatch.detail()).contains("1 of 3 cabinet trunks not listed", "1 of 3 REST API abonents not shown");
    }

    @Test
    void anAbonentTheSyncSkippedForWantOfANumberIsStillTheCabinetsById() {
        CrossCheckReport report = AbonentCrossCheck.compare(scraped(), Set.of(4L), List.of(abonent(1, "79160000001"),
                abonent(2, "79160000002"), abonent(3, "79160000003"), abonent(4, null)), MatchBy.ID, Instant.EPOCH);
        assertThat(report.state()).isEqualTo("match");
        assertThat(report.missingInCabinet()).isEmpty();
    }

    @Test
    void byPhoneNumberAndAHintWhenIdsShareNothing() {
        List<DirectoryAbonent> otherIds = List.of(abonent(101, "79160000001"), abonent(102, "79160000002"), abonent(103, "79160000003"));
        CrossCheckReport byId = AbonentCrossCheck.compare(scraped(), otherIds, MatchBy.ID, Instant.EPOCH);
        assertThat(byId.state()).isEqualTo("mismatch");
        assertThat(byId.detail()).contains("match-by=phone-number");

        CrossCheckReport byPhone = AbonentCrossCheck.compare(scraped(), otherIds, MatchBy.PHONE_NUMBER, Instant.EPOCH);
        assertThat(byPhone.state()).isEqualTo("match");

        CrossCheckReport landline = AbonentCrossCheck.compare(scraped(), List.of(abonent(1, "79160000001"), abonent(2, "79160000002"),
                abonent(3, null)), MatchBy.PHONE_NUMBER, Instant.EPOCH);
        assertThat(landline.missingInApi()).containsExactly("79160000003");
        assertThat(landline.detail()).contains("1 REST API abonents carry no phoneNumber");
    }

    @Test
    void parsesTheDocumentedFieldsAndRefusesOtherShapes() {
        String body = """
                [{"callingLineIdPhoneNumber":"74950000000","department":"Отдел","email":"","extension":"172",
                  "firstName":"Анна","groupId":8888888888,"lastname":"Иванова","phoneNumber":"8 (916) 000-00-01",
                  "serviceProviderId":2587417674,"userId":2600000000,"futureField":{"x":1}},
                 {"userId":"2600000007","phoneNumber":null,"extension":"173"}]""";
        assertThat(MtsRestAbonentDirectory.parse(body)).containsExactly(
                new DirectoryAbonent(2600000000L, Optional.of("79160000001"), Optional.of("172")),
                new DirectoryAbonent(2600000007L, Optional.empty(), Optional.of("173")));
        assertThatThrownBy(() -> MtsRestAbonentDirectory.parse("{\"content\":[]}"))
                .isInstanceOf(AbonentDirectoryException.UnexpectedAnswer.class);
        assertThatThrownBy(() -> MtsRestAbonentDirectory.parse("[{\"phoneNumber\":\"79160000001\"}]"))
                .isInstanceOf(AbonentDirectoryException.UnexpectedAnswer.class).hasMessageContaining("userId");
        assertThatThrownBy(() -> MtsRestAbonentDirectory.parse("<html>login</html>"))
                .isInstanceOf(AbonentDirectoryException.UnexpectedAnswer.class);
    }

    @Test
    void readsTheSimulatorsRestApiAndNamesARefusedToken() {
        try (VatsSimulator sim = VatsSimulator.start("u", "p", 120)) {
            URI api = URI.create(sim.baseUrl() + "api/");
            MtsRestAbonentDirectory good = new MtsRestAbonentDirectory(api, VatsSimulator.DEFAULT_API_TOKEN, CabinetTls.modern(),
                    Duration.ofSeconds(2), Duration.ofSeconds(5));
            List<DirectoryAbonent> abonents = good.abonents();
            assertThat(abonents).hasSize(120);
            assertThat(abonents.get(0).userId()).isEqualTo(sim.trunkIds().get(0));
            assertThat(good.toString()).doesNotContain(VatsSimulator.DEFAULT_API_TOKEN);

            String wrong = "0000-wrong-token-0000";
            MtsRestAbonentDirectory bad = new MtsRestAbonentDirectory(api, wrong, CabinetTls.modern(), Duration.ofSeconds(2),
                    Duration.ofSeconds(5));
            assertThatThrownBy(bad::abonents).isInstanceOf(AbonentDirectoryException.Unauthorized.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("telops.vats.rest-api.token")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
            assertThat(sim.apiCalls()).isEqualTo(2);
        }
    }
}
