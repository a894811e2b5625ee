package io.telops.provisioning.firmware;

import static io.restassured.RestAssured.given;
import static io.telops.provisioning.firmware.FirmwareFixtures.local;
import static io.telops.provisioning.firmware.FirmwareFixtures.randomBytes;
import static io.telops.provisioning.firmware.FirmwareFixtures.sha256;
import static io.telops.provisioning.firmware.FirmwareFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;
import io.telops.provisioning.render.Vendor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Issue #21 item 3 against the running service and real PostgreSQL: images streamed in with their SHA-256, the size
 * limit, pins per model and per device, and the URLs phones receive serving the same bytes with ETag, Range and HEAD.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class FirmwareTest {
    /** 6 MiB: many HTTP chunks and several times the service's 1M JSON body limit. */
    private static final int LARGE = 6 * 1024 * 1024;
    /** Just past the test profile's limit, telops.provisioning.firmware.max-file-bytes = 16 MiB. */
    private static final int TOO_LARGE = 16 * 1024 * 1024 + 1;
    private static final Path DIRECTORY = Path.of("target/firmware");

    private static JsonPath uploaded(String path, byte[] image) {
        HttpResponse<String> r = upload("admin", path, image, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonPath(r.body());
    }

    @Test
    void aStreamedUploadIsStoredWithItsChecksumAndServedByteForByte() {
        byte[] image = randomBytes(LARGE, 1);
        JsonPath f = uploaded("yealink/t5x/t54w/96.86.0.1-large/T54W-96.86.0.1.rom", image);

        assertThat(f.getString("sha256")).isEqualTo(sha256(image));
        assertThat(f.getLong("sizeBytes")).isEqualTo(LARGE);
        assertThat(f.getString("url")).isEqualTo(FirmwareFixtures.PUBLIC_URL + "/prov/firmware/" + sha256(image) + "/T54W-96.86.0.1.rom");
        Response whole = given().get(local(f.getString("url")));
        whole.then().statusCode(200).header("ETag", "\"" + sha256(image) + "\"").header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(LARGE));
        assertThat(whole.asByteArray()).isEqualTo(image);
        TestData.admin().get("/api/firmware/" + f.getLong("id")).then().statusCode(200).body("uploadedBy", equalTo("admin"));
    }

    @Test
    void theEtagIsTheChecksumAndIfNoneMatchGets304() {
        byte[] image = randomBytes(4096, 2);
        String url = local(uploaded("yealink/t5x/t54w/96.86.0.2/T54W.rom", image).getString("url"));
        String etag = "\"" + sha256(image) + "\"";

        given().header("If-None-Match", etag).get(url).then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"other\", W/" + etag).get(url).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get(url).then().statusCode(200);
    }

    @Test
    void oneRangeIs206WithContentRangeAndTheRightBytes() {
        byte[] image = randomBytes(LARGE, 3);
        String url = local(uploaded("yealink/t5x/t54w/96.86.0.3/T54W.rom", image).getString("url"));

        Response middle = given().header("Range", "bytes=1000000-1999999").get(url);
        middle.then().statusCode(206).header("Content-Range", "bytes 1000000-1999999/" + LARGE)
                .header("Content-Length", "1000000");
        assertThat(middle.asByteArray()).isEqualTo(Arrays.copyOfRange(image, 1_000_000, 2_000_000));
        // a resumed download: from an offset to the end
        Response rest = given().header("Range", "bytes=" + (LARGE - 10) + "-").get(url);
        rest.then().statusCode(206).header("Content-Range", "bytes " + (LARGE - 10) + "-" + (LARGE - 1) + "/" + LARGE);
        assertThat(rest.asByteArray()).isEqualTo(Arrays.copyOfRange(image, LARGE - 10, LARGE));
        // the last 100 bytes; an end past the file is cut to it
        assertThat(given().header("Range", "bytes=-100").get(url).asByteArray()).isEqualTo(Arrays.copyOfRange(image, LARGE - 100, LARGE));
        given().header("Range", "bytes=" + (LARGE - 5) + "-" + (LARGE + 500)).get(url).then().statusCode(206)
                .header("Content-Length", "5");
    }

    @Test
    void aRangeOutsideTheFileIs416AndSeveralRangesGetTheWholeFile() {
        byte[] image = randomBytes(50_000, 4);
        String url = local(uploaded("yealink/t5x/t54w/96.86.0.4/T54W.rom", image).getString("url"));

        given().header("Range", "bytes=50000-").get(url).then().statusCode(416).header("Content-Range", "bytes */50000");
        Response several = given().header("Range", "bytes=0-9,100-109").get(url);
        several.then().statusCode(200).header("Content-Length", "50000");
        assertThat(several.asByteArray()).isEqualTo(image);
        // If-Range naming another version: the whole (new) file instead of a piece of it
        given().header("Range", "bytes=0-9").header("If-Range", "\"older\"").get(url).then().statusCode(200)
                .header("Content-Length", "50000");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        byte[] image = randomBytes(70_000, 5);
        String url = local(uploaded("yealink/t5x/t54w/96.86.0.5/T54W.rom", image).getString("url"));

        Response head = given().head(url);
        head.then().statusCode(200).header("Content-Length", "70000").header("ETag", "\"" + sha256(image) + "\"");
        assertThat(head.asByteArray()).isEmpty();
        given().header("Range", "bytes=0-99").head(url).then().statusCode(206).header("Content-Length", "100");
    }

    @Test
    void anImagePastTheLimitIs413AndLeavesNoRowAndNoFile() throws IOException {
        long filesBefore = files(DIRECTORY);
        byte[] image = randomBytes(TOO_LARGE, 6);

        // declared too large: refused before the body is sent (Expect: 100-continue, as curl does)
        assertThat(FirmwareFixtures.rawUpload("yealink/t5x/t54w/too-large-1/big.rom", image, true)).startsWith("HTTP/1.1 413");
        // streamed without a length: refused once the limit is passed
        assertThat(FirmwareFixtures.rawUpload("yealink/t5x/t54w/too-large-2/big.rom", image, false)).startsWith("HTTP/1.1 413");
        // a declared length past the limit without Expect: the body is dropped, the answer is still 413
        HttpResponse<String> declared = upload("admin", "yealink/t5x/t54w/too-large-3/big.rom", image, false);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("\"status\":413");

        TestData.admin().get("/api/firmware?brand=yealink&family=t5x&model=t54w").then().statusCode(200)
                .body("findAll { it.version.startsWith('too-large') }.size()", equalTo(0));
        assertThat(files(DIRECTORY)).isEqualTo(filesBefore);
        assertThat(files(DIRECTORY.resolve(".incoming"))).isZero();
    }

    @Test
    void onlyAdminsUploadAndAVersionIsUploadedOnce() {
        byte[] image = randomBytes(1000, 7);
        assertThat(upload(null, "yealink/t5x/t54w/auth-1/a.rom", image, false).statusCode()).isEqualTo(401);
        assertThat(upload("viewer", "yealink/t5x/t54w/auth-1/a.rom", image, false).statusCode()).isEqualTo(403);
        assertThat(upload("admin", "nokia/x/y/1/a.rom", image, false).statusCode()).isEqualTo(422);
        assertThat(upload("admin", "yealink/t5x/t54w/1/firmware-settings.xml", image, false).statusCode()).isEqualTo(422);
        assertThat(upload("admin", "yealink/t5x/t54w/auth-1/a.rom", image, false).statusCode()).isEqualTo(201);
        assertThat(upload("admin", "yealink/t5x/t54w/auth-1/a.rom", image, false).statusCode()).isEqualTo(409);
    }

    @Test
    void aModelPinPutsTheUrlAndVersionInTheConfigAndADevicePinOrTheDevicesOwnUrlWins() {
        String model = FirmwareFixtures.yealinkModel();
        byte[] v1 = randomBytes(100_000, 8);
        byte[] v2 = randomBytes(100_000, 9);
        uploaded("yealink/t5x/" + model + "/1.0/" + model + "-1.0.rom", v1);
        uploaded("yealink/t5x/" + model + "/2.0/" + model + "-2.0.rom", v2);
        String mac = FirmwareFixtures.newMac();
        FirmwareFixtures.yealinkDevice(mac, model);
        assertThat(FirmwareFixtures.phoneFetch(mac).asString()).doesNotContain("static.firmware.url");

        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", "1.0"))
                .put("/api/firmware/pins/models/yealink/t5x/" + model).then().statusCode(200).body("firmware.version", equalTo("1.0"));
        String url = FirmwareFixtures.yealinkValue(FirmwareFixtures.phoneFetch(mac).asString(), "static.firmware.url");
        assertThat(url).isEqualTo(FirmwareFixtures.PUBLIC_URL + "/prov/firmware/" + sha256(v1) + "/" + model + "-1.0.rom");
        assertThat(given().get(local(url)).asByteArray()).isEqualTo(v1);
        TestData.admin().get("/api/devices/" + mac + "/effective-settings").then().statusCode(200)
                .body("FIRMWARE_URL.layer", equalTo("MODEL")).body("FIRMWARE_VERSION.value", equalTo("1.0"));

        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", "2.0"))
                .put("/api/firmware/pins/devices/" + mac).then().statusCode(200);
        url = FirmwareFixtures.yealinkValue(FirmwareFixtures.phoneFetch(mac).asString(), "static.firmware.url");
        assertThat(given().get(local(url)).asByteArray()).isEqualTo(v2);
        TestData.admin().get("/api/devices/" + mac + "/effective-settings").then().statusCode(200)
                .body("FIRMWARE_URL.layer", equalTo("DEVICE")).body("FIRMWARE_VERSION.value", equalTo("2.0"));

        TestData.admin().contentType(ContentType.JSON)
                .body(FirmwareFixtures.yealinkBody(mac, model, Map.of("firmwareUrl", "http://fw.example.com/own.rom")))
                .put("/api/devices/" + mac).then().statusCode(200);
        assertThat(FirmwareFixtures.yealinkValue(FirmwareFixtures.phoneFetch(mac).asString(), "static.firmware.url"))
                .isEqualTo("http://fw.example.com/own.rom");
    }

    /** A device of a default template, with a known provisioning password. */
    private static void device(String brand, String family, String model, String mac) {
        TestData.admin().contentType(ContentType.JSON).body(Map.of("mac", mac, "brand", brand, "family", family, "model", model,
                        "provPassword", TestData.PROV_PASSWORD, "lines", List.of(Map.of("sipUser", "4101",
                                "password", "line-secret-4101", "registrar", "pbx.example.com"))))
                .post("/api/devices").then().statusCode(201);
    }

    private static Response phone(String vendor, String userAgent, String mac, String file) {
        return given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("User-Agent", userAgent)
                .get("/prov/" + vendor + "/" + file);
    }

    /**
     * A new device of the model (its MAC under {@code oui}) with {@code image} uploaded as version {@code version-<mac>}
     * (unique to the test) and pinned to it; returns the MAC.
     */
    private static String pinnedDevice(String oui, String model, String version, String file, byte[] image) {
        String mac = String.format(oui + "%06X", ThreadLocalRandom.current().nextInt(0x1000000));
        String[] ref = model.split("/");
        device(ref[0], ref[1], ref[2], mac);
        uploaded(model + "/" + version + "-" + mac + "/" + file, image);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", version + "-" + mac))
                .put("/api/firmware/pins/devices/" + mac).then().statusCode(200);
        return mac;
    }

    @Test
    void aPinnedPolycomGetsTheImageAsItsMasterFilesApplicationAndCanResumeIt() {
        byte[] image = randomBytes(200_000, 12);
        String mac = pinnedDevice("0004F2", "polycom/vvx/vvx450", "6.4.3", "sip.ld", image);

        Response master = phone("polycom", "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5156 (SN:" + mac.toLowerCase() + ") Type/Application",
                mac, mac.toLowerCase() + ".cfg");
        master.then().statusCode(200);
        String application = master.xmlPath().getString("APPLICATION.@APP_FILE_PATH");
        assertThat(application).endsWith("/prov/firmware/" + sha256(image) + "/sip.ld");
        Response tail = given().header("Range", "bytes=100000-").get(local(application));
        tail.then().statusCode(206).header("ETag", "\"" + sha256(image) + "\"");
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(image, 100_000, 200_000));
    }

    @Test
    void aPinnedSnomGetsAFirmwareSettingsDocumentNamingTheImage() {
        byte[] image = randomBytes(150_000, 13);
        String mac = pinnedDevice("000413", "snom/d7xx/d785", "10.1.184", "snomD785-10.1.184-SIP-r.bin", image);

        Response config = phone("snom", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 OpenSSL/1.1.1g " + mac + " SXM:0 UXM:0 UXMC:0)",
                mac, mac.toLowerCase() + ".xml");
        config.then().statusCode(200);
        String status = config.xmlPath().getString("settings.phone-settings.firmware_status");
        assertThat(status).endsWith("/prov/firmware/" + sha256(image) + "/" + FirmwareUrls.SNOM_SETTINGS);
        String firmware = given().get(local(status)).xmlPath().getString("firmware-settings.firmware");
        assertThat(firmware).endsWith("/snomD785-10.1.184-SIP-r.bin");
        assertThat(given().get(local(firmware)).asByteArray()).isEqualTo(image);
    }

    @Test
    void aPinOfAnotherModelsVersionIsRefused() {
        String model = FirmwareFixtures.yealinkModel();
        String mac = FirmwareFixtures.newMac();
        FirmwareFixtures.yealinkDevice(mac, model);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", "96.86.0.2"))
                .put("/api/firmware/pins/devices/" + mac).then().statusCode(422);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", "none"))
                .put("/api/firmware/pins/models/yealink/t5x/" + model).then().statusCode(422);
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(Map.of("version", "1"))
                .put("/api/firmware/pins/models/yealink/t5x/" + model).then().statusCode(403);
    }

    @Test
    void theDirectoryFormsOfMitelAndGrandstreamAndSnomsSettingsDocumentLeadToTheImage() {
        byte[] image = randomBytes(30_000, 10);
        String sha = uploaded("grandstream/gxp21xx/gxp2170/1.0.11.1/gxp2170fw.bin", image).getString("sha256");
        URI publicUrl = URI.create(FirmwareFixtures.PUBLIC_URL);

        // Grandstream P192 is a path without scheme; the phone asks for its own file name in it
        String grandstream = FirmwareUrls.forVendor(Vendor.GRANDSTREAM, publicUrl, sha, "gxp2170fw.bin");
        assertThat(grandstream).isEqualTo("localhost:8083/prov/firmware/" + sha);
        assertThat(given().get(local("http://" + grandstream + "/gxp2170fw.bin")).asByteArray()).isEqualTo(image);
        // Mitel's "firmware server" is a directory holding <model>.st
        String mitel = FirmwareUrls.forVendor(Vendor.MITEL, publicUrl, sha, "gxp2170fw.bin");
        assertThat(given().get(local(mitel + "/6867i.st")).asByteArray()).isEqualTo(image);
        // Snom's firmware_status names a <firmware-settings> document whose <firmware> is the image
        String snom = FirmwareUrls.forVendor(Vendor.SNOM, publicUrl, sha, "gxp2170fw.bin");
        Response settings = given().get(local(snom));
        settings.then().statusCode(200).contentType("application/xml");
        String firmware = settings.xmlPath().getString("firmware-settings.firmware");
        assertThat(given().get(local(firmware)).asByteArray()).isEqualTo(image);
    }

    @Test
    void aPinnedImageCannotBeDeletedAndADeletedOneIsGoneWithItsFile() throws IOException {
        String model = FirmwareFixtures.yealinkModel();
        byte[] image = randomBytes(20_000, 11);
        JsonPath f = uploaded("yealink/t5x/" + model + "/3.0/x.rom", image);
        String url = local(f.getString("url"));
        TestData.admin().contentType(ContentType.JSON).body(Map.of("version", "3.0"))
                .put("/api/firmware/pins/models/yealink/t5x/" + model).then().statusCode(200);
        long files = files(DIRECTORY);

        TestData.admin().delete("/api/firmware/" + f.getLong("id")).then().statusCode(409);
        TestData.admin().delete("/api/firmware/pins/models/yealink/t5x/" + model).then().statusCode(204);
        TestData.admin().delete("/api/firmware/" + f.getLong("id")).then().statusCode(204);

        given().get(url).then().statusCode(404);
        TestData.admin().get("/api/firmware/" + f.getLong("id")).then().statusCode(404);
        assertThat(files(DIRECTORY)).isEqualTo(files - 1);
    }

    @Test
    void unknownOrMalformedImageNamesAre404() {
        given().get("/prov/firmware/" + "0".repeat(64) + "/x.rom").then().statusCode(404);
        given().get("/prov/firmware/ABC/x.rom").then().statusCode(404);
        given().get("/prov/firmware/" + "0".repeat(64) + "/..%2f..%2fetc").then().statusCode(404);
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
