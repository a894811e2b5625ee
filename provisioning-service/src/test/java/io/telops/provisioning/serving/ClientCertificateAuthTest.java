package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.telops.provisioning.TestData;
import io.telops.provisioning.render.Vendor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * TLS client certificates as device authentication, over real HTTPS connections to the Quarkus test port
 * (client-auth=request), with certificates made in the test: a phone's own certificate opens its own config and
 * nothing else; a certificate for another MAC gets the uniform refusal, whatever credentials come with it.
 */
@QuarkusTest
@TestProfile(ClientCertProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class ClientCertificateAuthTest {
    private static final String MAC_A = "0004F2C0FFA1";
    private static final String MAC_B = "0004F2C0FFB2";
    private static Path phoneA;
    private static Path phoneB;
    private static Path impostorA;

    @TestHTTPResource(value = "/", tls = true)
    URL https;
    @TestHTTPResource("/")
    URL http;
    @Inject
    FailureThrottle throttle;

    @BeforeAll
    static void certificates() throws Exception {
        PhoneCertificates pki = ClientCertProfile.Pki.certificates();
        // phone A: the MAC in the CN, Polycom/Yealink style; phone B: only in a DNS alternative name, colon-separated
        phoneA = pki.deviceCertificate("phone-a", "CN=" + MAC_A.toLowerCase() + ", O=Test Phones", "");
        phoneB = pki.deviceCertificate("phone-b", "CN=IP Phone, O=Test Phones", "dns:00-04-f2-c0-ff-b2.phones.test");
        impostorA = pki.selfSigned("impostor-a", "CN=" + MAC_A.toLowerCase());
    }

    @BeforeEach
    void devices() {
        TestData.templates();
        throttle.reset();
        for (String mac : List.of(MAC_A, MAC_B)) {
            if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
                TestData.createDevice(Vendor.YEALINK, mac);
            }
        }
    }

    private static String file(String mac) {
        return "prov/yealink/" + mac.toLowerCase() + ".cfg";
    }

    private HttpResponse<String> get(URL base, Path clientCertificate, String path, Optional<String[]> basic) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (base.getProtocol().equals("https")) {
            client.sslContext(ClientCertProfile.Pki.certificates().clientContext(clientCertificate));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "Yealink SIP-T46S 66.86.0.15 " + MAC_A.toLowerCase().replaceAll("(..)(?!$)", "$1:"));
        basic.ifPresent(b -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((b[0] + ":" + b[1]).getBytes(StandardCharsets.UTF_8))));
        return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getWithoutUserAgentMac(Path clientCertificate, String path, Optional<String[]> basic) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(ClientCertProfile.Pki.certificates().clientContext(clientCertificate)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(https.toString() + path)).timeout(Duration.ofSeconds(20));
        basic.ifPresent(b -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((b[0] + ":" + b[1]).getBytes(StandardCharsets.UTF_8))));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPhonesOwnCertificateOpensItsOwnConfigWithoutAPassword() throws Exception {
        HttpResponse<String> response = get(https, phoneA, file(MAC_A), Optional.empty());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("#!version:1.0.0.1").contains("2001");
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void theMacMayBeInASubjectAlternativeName() throws Exception {
        HttpResponse<String> response = getWithoutUserAgentMac(phoneB, file(MAC_B), Optional.empty());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("#!version:1.0.0.1");
    }

    @Test
    void aCertificateForAnotherMacGetsTheUniformRefusalEvenWithThatDevicesPassword() throws Exception {
        HttpResponse<String> wrongPassword = get(http, null, file(MAC_B), Optional.of(new String[] {MAC_B.toLowerCase(), "not-the-password"}));
        HttpResponse<String> unknownMac = get(http, null, file("0004F2000000"), Optional.of(new String[] {"x", "y"}));

        HttpResponse<String> otherDevice = getWithoutUserAgentMac(phoneA, file(MAC_B), Optional.empty());
        HttpResponse<String> otherDeviceWithItsPassword = getWithoutUserAgentMac(phoneA, file(MAC_B),
                Optional.of(new String[] {MAC_B.toLowerCase(), TestData.PROV_PASSWORD}));

        for (HttpResponse<String> refused : List.of(otherDevice, otherDeviceWithItsPassword)) {
            assertThat(refused.statusCode()).isEqualTo(401).isEqualTo(wrongPassword.statusCode()).isEqualTo(unknownMac.statusCode());
            assertThat(refused.body()).isEqualTo(wrongPassword.body()).isEqualTo(unknownMac.body());
            assertThat(schemes(refused)).isEqualTo(schemes(wrongPassword)).isEqualTo(schemes(unknownMac));
            assertThat(refused.body()).doesNotContain("2001");
        }
    }

    @Test
    void withoutACertificateTheDeviceCredentialsStillWorkOverHttps() throws Exception {
        HttpResponse<String> noCredentials = getWithoutUserAgentMac(null, file(MAC_B), Optional.empty());
        assertThat(noCredentials.statusCode()).isEqualTo(401);

        HttpResponse<String> withPassword = getWithoutUserAgentMac(null, file(MAC_B),
                Optional.of(new String[] {MAC_B.toLowerCase(), TestData.PROV_PASSWORD}));
        assertThat(withPassword.statusCode()).isEqualTo(200);
    }

    @Test
    void aSelfSignedCertificateNamingTheMacNeverStandsForTheDevice() throws Exception {
        // the server names its device CAs in the request, so a well-behaved client keeps an unrelated certificate
        HttpResponse<String> notOffered = get(https, impostorA, file(MAC_A), Optional.empty());
        assertThat(notOffered.statusCode()).isEqualTo(401);
        assertThat(notOffered.body()).doesNotContain("2001");

        // an impostor that sends it anyway is stopped in the handshake: JSSE validates any presented chain
        HttpClient forcing = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(ClientCertProfile.Pki.certificates().clientContext(impostorA, true)).build();
        Throwable failure = catchThrowable(() -> forcing.send(HttpRequest.newBuilder(URI.create(https + file(MAC_A)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(failure).isInstanceOf(IOException.class);
    }

    private static List<String> schemes(HttpResponse<String> response) {
        return response.headers().allValues("WWW-Authenticate").stream().map(v -> v.substring(0, v.indexOf(' '))).toList();
    }
}
