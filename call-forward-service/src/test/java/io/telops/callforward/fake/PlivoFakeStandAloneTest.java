package io.telops.callforward.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.telops.testkit.LoopbackPorts;

/** The fake as the local run starts it: a fixed port, credentials of its own, every request reported. */
class PlivoFakeStandAloneTest {
    @Test
    void listensOnTheGivenPortWithTheGivenCredentialsAndReportsRequests() throws Exception {
        int port = LoopbackPorts.free();
        List<String> log = new CopyOnWriteArrayList<>();
        try (PlivoFake fake = PlivoFake.start(port, "MALOCALRUN0000000000", "local-token").logTo(log::add)) {
            assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            URI search = URI.create(fake.baseUrl() + "/v1/Account/MALOCALRUN0000000000/PhoneNumber/?country_iso=US&limit=2");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(search).header("Authorization", basic("MALOCALRUN0000000000", "local-token"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"objects\"").contains("/v1/Account/MALOCALRUN0000000000/PhoneNumber/");
            // the tests' shared credentials do not open this one
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/Account/"
                            + PlivoFake.AUTH_ID + "/PhoneNumber/?country_iso=US"))
                    .header("Authorization", basic(PlivoFake.AUTH_ID, PlivoFake.AUTH_TOKEN)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            // the fake logs a request once it has answered it, so the client can be ahead of the log: wait, bounded
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (log.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(log).hasSize(2);
            assertThat(log.get(0)).startsWith("GET /v1/Account/MALOCALRUN0000000000/PhoneNumber/?country_iso=US").endsWith("-> 200");
            assertThat(log.get(1)).endsWith("-> 401");
        }
        assertThat(LoopbackPorts.isFree(port)).isTrue();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
