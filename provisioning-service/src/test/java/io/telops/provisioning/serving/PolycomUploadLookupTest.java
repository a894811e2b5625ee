package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.provisioning.TestData;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * A Polycom phone asks for its overrides and its directory on every boot, though most never uploaded any: the service
 * reads which files a device uploaded once per loaded device, not once per fetch, counted with Hibernate's query
 * statistics (on in the test profile); an upload or a change of the device makes it read them again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class PolycomUploadLookupTest {
    private static final String USER_AGENT = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5156 (SN:%s) Type/Application";
    private static final String OVERRIDES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity=\"1\"/></PHONE_CONFIG>";

    @Inject
    SessionFactory sessions;
    @Inject
    FailureThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle.reset();
    }

    @Test
    void aPhoneThatUploadedNothingCostsOneLookupForThreeBootsNotOnePerFetch() {
        SimulatedPhone phone = phone("0004F2610001");
        long before = uploadQueries();
        for (int boot = 0; boot < 3; boot++) {
            bootFetches(phone);
        }
        assertThat(phone.log()).hasSize(10).allMatch(l -> l.endsWith(" 404") || l.endsWith(".cfg 200"));
        // three boots ask 9 times for an upload (-phone.cfg, -web.cfg, -directory.xml): one look at device_upload
        assertThat(uploadQueries() - before).isEqualTo(1);
    }

    @Test
    void anUploadIsServedAtTheNextBootAndStillSparesTheOtherNames() {
        String mac = "0004F2610002";
        SimulatedPhone phone = phone(mac);
        bootFetches(phone);
        phone.put(mac.toLowerCase() + "-phone.cfg", OVERRIDES);
        long before = uploadQueries();
        SimulatedPhone.Fetch back = phone.get(mac.toLowerCase() + "-phone.cfg");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.text()).isEqualTo(OVERRIDES);
        assertThat(phone.get(mac.toLowerCase() + "-web.cfg").status()).isEqualTo(404);
        // after the upload: the names once more and the overrides' content; -web.cfg then costs nothing
        assertThat(uploadQueries() - before).isEqualTo(2);
    }

    @Test
    void aChangeOfTheDeviceReadsItsUploadsAgain() {
        String mac = "0004F2610003";
        SimulatedPhone phone = phone(mac);
        bootFetches(phone);
        long before = uploadQueries();
        TestData.admin().contentType(ContentType.JSON).post("/api/devices/" + mac + "/unlock").then().statusCode(200);
        bootFetches(phone);
        bootFetches(phone);
        assertThat(uploadQueries() - before).isEqualTo(1);
    }

    /** Creates the device from the default template, loads it with a first fetch and returns its phone. */
    private static SimulatedPhone phone(String mac) {
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 200) {
            TestData.admin().delete("/api/devices/" + mac).then().statusCode(204);
        }
        String password = TestData.admin().contentType(ContentType.JSON).body(Map.of("mac", mac, "brand", "polycom",
                        "family", "vvx", "model", "vvx450", "lines", List.of(Map.of("sipUser", "4001",
                                "password", "line-secret-4001", "registrar", "pbx.example.com"))))
                .post("/api/devices").then().statusCode(201).extract().path("generatedProvPassword");
        String m = mac.toLowerCase();
        SimulatedPhone phone = new SimulatedPhone("polycom", USER_AGENT.formatted(m), m, password, "10.33.0.1");
        assertThat(phone.get(m + ".cfg").status()).isEqualTo(200);
        return phone;
    }

    /** What a Polycom asks for after its config files at every boot. */
    private static void bootFetches(SimulatedPhone phone) {
        String m = phone.log().get(0).substring(4, 16);
        phone.get(m + "-phone.cfg");
        phone.get(m + "-web.cfg");
        phone.get(m + "-directory.xml");
    }

    /** Executions of every query that reads device_upload. */
    private long uploadQueries() {
        Statistics statistics = sessions.getStatistics();
        assertThat(statistics.isStatisticsEnabled()).as("%test.quarkus.hibernate-orm.statistics").isTrue();
        long executions = 0;
        for (String query : statistics.getQueries()) {
            if (query.contains("DeviceUpload")) {
                executions += statistics.getQueryStatistics(query).getExecutionCount();
            }
        }
        return executions;
    }
}
