package io.telops.vats.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.telops.vats.cabinet.AbonentFilter;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.cabinet.DeviceForm;
import io.telops.vats.cabinet.SipDevice;
import io.telops.vats.gwt.GwtRpcStyle;
import io.telops.vats.simulator.VatsSimulator;

/** The client against the loopback cabinet simulator, without Quarkus and without retries. */
class VatsCabinetClientTest {
    private static VatsSimulator simulator;
    private final List<String> events = new ArrayList<>();
    private VatsCabinetClient client;

    @BeforeAll
    static void start() {
        simulator = VatsSimulator.start("+7-9160000000", "s3cret|pa'ss", 1000);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void fresh() {
        simulator.reset(1000);
        client = client(simulator, "s3cret|pa'ss", Duration.ofSeconds(5));
    }

    @Test
    void listsEveryTrunkOverPagesAfterDiscoveringTheBootstrap() {
        int loginsBefore = simulator.logins();
        List<AbonentRow> rows = client.listAllTrunks(AbonentFilter.ALL);
        assertThat(rows).hasSize(1000);
        assertThat(rows).extracting(AbonentRow::id).containsExactlyElementsOf(simulator.trunkIds());
        assertThat(rows.get(9).activated()).isFalse();
        assertThat(rows.get(0)).isEqualTo(simulator.row(rows.get(0).id()).orElseThrow());
        assertThat(rows.get(0).userName()).contains("Транк №0 \"офис\" <0>");
        assertThat(simulator.logins()).isEqualTo(loginsBefore + 1);
        assertThat(events).contains("login " + simulator.permutation() + " changed=false");
    }

    @Test
    void aWrongPasswordIsALoginFailureNotAnEmptyList() {
        VatsCabinetClient wrong = client(simulator, "wrong", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrong.listAllTrunks(AbonentFilter.ALL))
                .isInstanceOf(CabinetException.LoginFailed.class)
                .hasMessageContaining("Неверный логин или пароль")
                .hasMessageNotContaining("wrong");
        assertThat(events).contains("failed login_failed");
    }

    @Test
    void reLogsInWhenTheSessionExpiresMidList() {
        client.listAllTrunks(AbonentFilter.ALL);
        int logins = simulator.logins();
        simulator.expireSessionsAfter(4);
        List<AbonentRow> rows = client.listAllTrunks(AbonentFilter.ALL);
        assertThat(rows).hasSize(1000).extracting(AbonentRow::id).doesNotHaveDuplicates();
        assertThat(simulator.logins()).isEqualTo(logins + 1);
        assertThat(events).contains("call AbonentBrowserGwtService session_expired");
    }

    @Test
    void aThrownExceptionIsReportedWithItsMessage() {
        simulator.failListPage(3);
        assertThatThrownBy(() -> client.listAllTrunks(AbonentFilter.ALL))
                .isInstanceOf(CabinetException.RemoteFailure.class)
                .hasMessageContaining("VpbxServiceException")
                .hasMessageContaining("Ошибка получения списка абонентов (страница 3)");
        assertThat(events).contains("failed remote_exception");
    }

    @Test
    void http500AndSlowAnswersAreUnavailable() {
        simulator.failNextCalls(1);
        assertThatThrownBy(() -> client.listAllTrunks(AbonentFilter.ALL))
                .isInstanceOf(CabinetException.Unavailable.class).hasMessageContaining("HTTP 500");
        VatsCabinetClient impatient = client(simulator, "s3cret|pa'ss", Duration.ofMillis(300));
        simulator.slowDown(Duration.ofMillis(1500));
        assertThatThrownBy(() -> impatient.listAllTrunks(AbonentFilter.ALL))
                .isInstanceOf(CabinetException.Unavailable.class).hasMessageContaining("timed out");
    }

    /** A call still being answered must not use up a failure the next test plans (once a flaky test). */
    @Test
    void aResetWaitsForTheCallsStillBeingAnswered() throws Exception {
        long trunk = simulator.trunkIds().get(0);
        client.deviceForm(trunk); // logged in: what follows is one RPC
        simulator.slowDown(Duration.ofMillis(1000));
        Thread slowCall = new Thread(() -> client.deviceForm(trunk));
        slowCall.start();
        while (simulator.rpcsInFlight() == 0) {
            Thread.sleep(5);
        }
        simulator.reset(1000);
        simulator.failNextCalls(1);
        slowCall.join(10_000);
        assertThat(simulator.remainingFailures()).isEqualTo(1);
    }

    @Test
    void aRedeployIsDetectedAndTheNewPoliciesAreDiscovered() {
        client.listAllTrunks(AbonentFilter.ALL);
        String before = simulator.permutation();
        simulator.redeploy();
        assertThat(client.listAllTrunks(AbonentFilter.ALL)).hasSize(1000);
        assertThat(events).contains("call AbonentBrowserGwtService remote_exception",
                "login " + simulator.permutation() + " changed=true");
        assertThat(simulator.permutation()).isNotEqualTo(before);
    }

    @Test
    void readsSwitchesAndRestoresSipDevices() {
        long trunk = simulator.trunkIds().get(0);
        DeviceForm form = client.deviceForm(trunk);
        SipDevice device = form.sipDevice().orElseThrow();
        assertThat(device.enabled()).isTrue();
        assertThat(device.lineId()).contains("mobsip_9161000000");
        assertThat(device.sipPassword()).isPresent();

        DeviceForm off = client.switchDevice(device.deviceId().orElseThrow(), false);
        assertThat(off.sipDevice().orElseThrow().enabled()).isFalse();
        assertThat(simulator.row(trunk).orElseThrow().deviceOff()).isTrue();
        assertThat(simulator.row(trunk).orElseThrow().activated()).as("the switch is not the activation flag").isTrue();

        long withoutDevice = simulator.trunkIds().get(49);
        assertThat(client.deviceForm(withoutDevice).devices()).isEmpty();
        DeviceForm added = client.updateDeviceForm(new DeviceForm(withoutDevice, List.of(SipDevice.genericSipPhone(withoutDevice,
                Optional.empty(), client.enterpriseId(), "mobsip_9161000049")), 0));
        assertThat(added.sipDevice().orElseThrow().enabled()).isTrue();
        assertThat(added.sipDevice().orElseThrow().deviceId()).isPresent();
        assertThat(simulator.row(withoutDevice).orElseThrow().deviceOff()).isFalse();
    }

    @Test
    void credentialsNeverGoToAFormActionOfAnotherOrigin() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = recorder(received);
        try {
            String foreign = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/j_spring_security_check";
            simulator.setLoginFormAction(foreign);
            assertThatThrownBy(() -> client.listAllTrunks(AbonentFilter.ALL))
                    .isInstanceOf(CabinetException.LoginFailed.class)
                    .hasMessageContaining(foreign)
                    .hasMessageNotContaining("s3cret");
            assertThat(received).as("the other origin got no request").isEmpty();
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void credentialsAreNotRepostedToARedirectOfAnotherOrigin() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = recorder(received);
        try {
            String foreign = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/collect";
            simulator.redirectLoginPostTo(foreign);
            assertThatThrownBy(() -> client.listAllTrunks(AbonentFilter.ALL))
                    .isInstanceOf(CabinetException.LoginFailed.class)
                    .hasMessageContaining(foreign);
            assertThat(received).as("the other origin got no request").isEmpty();
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void aFormActionOnTheCabinetOriginIsFollowed() {
        simulator.setLoginFormAction(simulator.baseUrl() + "j_spring_security_check");
        assertThat(client.listAllTrunks(AbonentFilter.ALL)).hasSize(1000);
    }

    @Test
    void aDeviceWhoseAddAnswerWasLostIsFoundNotCreatedTwice() {
        long trunk = simulator.trunkIds().get(49);
        simulator.loseNextDeviceAddAnswer();

        DeviceForm created = client.createDevice(newDevice(trunk, "mobsip_9161000049"));

        assertThat(created.sipDevice().orElseThrow().enabled()).isTrue();
        assertThat(simulator.devicesCreated(trunk)).isEqualTo(1);
    }

    @Test
    void aDeviceAddRefusedBeforeItWasCarriedOutIsSentAgainAfterLooking() {
        long trunk = simulator.trunkIds().get(99);
        simulator.failNextCalls(1);

        DeviceForm created = client.createDevice(newDevice(trunk, "mobsip_9161000099"));

        assertThat(created.sipDevice().orElseThrow().enabled()).isTrue();
        assertThat(simulator.devicesCreated(trunk)).isEqualTo(1);
        assertThat(events).containsSubsequence("call DispatcherGwtService unavailable", "call DispatcherGwtService ok",
                "call DispatcherGwtService ok");
    }

    @Test
    void listsWithEachFilterValueOfTheSeed() {
        // every tenth simulated trunk is not activated
        assertThat(client.listAllTrunks(AbonentFilter.ofSeedCode(0))).hasSize(1000);
        assertThat(client.listAllTrunks(AbonentFilter.ofSeedCode(-1))).hasSize(900).allMatch(AbonentRow::activated);
        assertThat(client.listAllTrunks(AbonentFilter.ofSeedCode(-2))).hasSize(100).noneMatch(AbonentRow::activated);
    }

    @Test
    void readsTheModernGwt28Style() {
        try (VatsSimulator modern = VatsSimulator.start("u", "p", 250, GwtRpcStyle.GWT_2_8, 0)) {
            List<AbonentRow> rows = client(modern, "p", "u", Duration.ofSeconds(5)).listAllTrunks(AbonentFilter.ALL);
            assertThat(rows).hasSize(250);
        }
    }

    private DeviceForm newDevice(long trunk, String lineId) {
        return new DeviceForm(trunk, List.of(SipDevice.genericSipPhone(trunk, Optional.empty(), client.enterpriseId(), lineId)), 0);
    }

    /** A second loopback origin that records every request line it gets. */
    private static HttpServer recorder(List<String> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " " + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private VatsCabinetClient client(VatsSimulator sim, String password, Duration timeout) {
        return client(sim, password, sim.username(), timeout);
    }

    private VatsCabinetClient client(VatsSimulator sim, String password, String user, Duration timeout) {
        CabinetSettings settings = new CabinetSettings(URI.create(sim.baseUrl()), Optional.of(user), Optional.of(password),
                Optional.empty(), VatsSimulator.MODULE, Duration.ofSeconds(2), timeout, 31, 100, 50);
        return new VatsCabinetClient(settings, new CabinetTransport(settings), new CabinetObserver() {
            @Override
            public void loggedIn(CabinetSession session, boolean permutationChanged, String previousPermutation) {
                events.add("login " + session.permutation() + " changed=" + permutationChanged);
            }

            @Override
            public void call(String servletPath, String outcome, Duration duration) {
                events.add("call " + servletPath + " " + outcome);
            }

            @Override
            public void failed(CabinetException failure) {
                events.add("failed " + failure.kind());
            }
        });
    }
}
