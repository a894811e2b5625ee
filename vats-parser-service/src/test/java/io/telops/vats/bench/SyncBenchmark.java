package io.telops.vats.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.vats.cabinet.AbonentFilter;
import io.telops.vats.cabinet.AbonentListLayout;
import io.telops.vats.cabinet.CabinetTypes;
import io.telops.vats.client.CabinetSession;
import io.telops.vats.client.CabinetSettings;
import io.telops.vats.client.CabinetTransport;
import io.telops.vats.client.VatsCabinetClient;
import io.telops.vats.gwt.GwtRpcWire;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.simulator.VatsSimulatorTestResource;
import io.telops.vats.trunk.SyncResult;
import io.telops.vats.trunk.TrunkSyncService;

/**
 * A full 1,000-trunk sync (11 GWT calls, decode, diff against PostgreSQL, one transaction) against the
 * simulator, next to the baseline of fetching the same 11 pages with a bare HTTP client (no decode, no
 * store) and to the simulator's own serving time. Only with {@code -Pbench}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class SyncBenchmark {
    @Inject
    TrunkSyncService sync;
    @Inject
    VatsCabinetClient client;

    @TestFactory
    Stream<DynamicTest> syncTime() {
        if (!Boolean.getBoolean("telops.bench")) {
            return Stream.empty();
        }
        return Stream.of(DynamicTest.dynamicTest("1,000-trunk sync vs bare page fetch", this::run));
    }

    private void run() throws Exception {
        VatsSimulator simulator = VatsSimulatorTestResource.simulator();
        simulator.reset(1000);
        for (int i = 0; i < 3; i++) {
            sync.sync("bench-warmup");
        }
        int rounds = 10;
        long servingBefore = simulator.rpcServingTime().toNanos();
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            SyncResult result = sync.sync("bench");
            assertThat(result.trunks()).isEqualTo(1000);
        }
        double syncMs = (System.nanoTime() - started) / 1e6 / rounds;
        double servingMs = (simulator.rpcServingTime().toNanos() - servingBefore) / 1e6 / rounds;

        long listStarted = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(client.listAllTrunks(AbonentFilter.ALL)).hasSize(1000);
        }
        double listMs = (System.nanoTime() - listStarted) / 1e6 / rounds;

        CabinetSettings settings = new CabinetSettings(URI.create(simulator.baseUrl()), Optional.of(VatsSimulatorTestResource.USER),
                Optional.of(VatsSimulatorTestResource.PASSWORD), Optional.empty(), VatsSimulator.MODULE, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 31, 100, 50);
        CabinetSession session = new CabinetTransport(settings).login();
        List<String> bodies = new ArrayList<>();
        for (int page = 0; page <= 10; page++) {
            bodies.add(AbonentListLayout.request(session.call(CabinetTypes.ABONENT_BROWSER_PATH), session.enterpriseId(),
                    AbonentFilter.ALL, page, 100));
        }
        for (int i = 0; i < 3; i++) {
            fetch(session, bodies);
        }
        long fetchStarted = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            bytes = fetch(session, bodies);
        }
        double fetchMs = (System.nanoTime() - fetchStarted) / 1e6 / rounds;

        System.out.printf("BENCH vats sync: full 1,000-trunk sync (11 calls, decode, diff, store) %.1f ms%n", syncMs);
        System.out.printf("BENCH vats sync: fetch + decode only (client, no store)              %.1f ms  ratio %.2f%n",
                listMs, listMs / fetchMs);
        System.out.printf("BENCH vats sync: baseline bare fetch of the same 11 pages (%.2f MB)       %.1f ms  ratio %.2f%n",
                bytes / 1e6, fetchMs, syncMs / fetchMs);
        System.out.printf("BENCH vats sync: simulator serving time per sync                      %.1f ms  ratio %.2f%n",
                servingMs, syncMs / servingMs);
    }

    private static long fetch(CabinetSession session, List<String> bodies) throws Exception {
        long bytes = 0;
        for (String body : bodies) {
            HttpResponse<String> response = session.http().send(HttpRequest.newBuilder(
                            URI.create(session.moduleBaseUrl() + CabinetTypes.ABONENT_BROWSER_PATH))
                    .header("Content-Type", GwtRpcWire.CONTENT_TYPE)
                    .header(GwtRpcWire.PERMUTATION_HEADER, session.permutation())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).startsWith("//OK");
            bytes += response.body().length();
        }
        return bytes;
    }
}
