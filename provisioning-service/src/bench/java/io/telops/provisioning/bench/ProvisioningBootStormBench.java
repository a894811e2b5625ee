package io.telops.provisioning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.provisioning.TestData;
import io.telops.provisioning.crypto.SecretCipher;
import io.telops.provisioning.device.LineRecord;
import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.provisioning.settings.JsonColumns;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Boot storm: 10,000 devices (2,000 per vendor) each fetch their config once, 64 requests in flight,
 * HTTP Basic per device. Cold cache (every request loads from PostgreSQL and renders), then warm
 * cache, then nginx serving the very same bytes as static files on loopback in the same run.
 * Run: {@code ./mvnw -B -pl provisioning-service -am verify -Pbench}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class ProvisioningBootStormBench {
    private static final int DEVICES = Integer.getInteger("bench.devices", 10_000);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
    private static final String PASSWORD = "bench-device-pass";
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;
    @Inject
    ConfigCache cache;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL url;

    @Test
    void bootStorm() throws Exception {
        TestData.templates();
        List<BootStorm.Request> requests = insertDevices();
        String base = "http://127.0.0.1:" + url.getPort();

        // warm the JIT of both paths a little on a small slice, then start from a cold cache
        BootStorm.run("jit warm-up", base, requests.subList(0, 500), CONCURRENCY, null);
        cache.clear();
        ConcurrentHashMap<String, byte[]> bodies = new ConcurrentHashMap<>();
        BootStorm.Result cold = BootStorm.run("telops cold cache", base, requests, CONCURRENCY, bodies);
        Path work = Files.createTempDirectory("telops-bench-nginx");
        Path root = work.resolve("root");
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            Path file = root.resolve(e.getKey().substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        List<BootStorm.Request> plain = requests.stream().map(r -> new BootStorm.Request(r.path(), null)).toList();
        // warm rounds alternate with nginx rounds, so a change in the machine's load hits both alike
        List<BootStorm.Result> results = new ArrayList<>(List.of(cold));
        List<Double> ratios = new ArrayList<>();
        BootStorm.Result bestWarm = null;
        BootStorm.Result bestNginx = null;
        try (NginxServer nginx = NginxServer.start(root, work)) {
            String nginxBase = "http://127.0.0.1:" + nginx.port;
            BootStorm.run("nginx jit warm-up", nginxBase, plain.subList(0, 500), CONCURRENCY, null);
            for (int round = 1; round <= ROUNDS; round++) {
                BootStorm.Result warm = BootStorm.run("telops warm cache #" + round, base, requests, CONCURRENCY, null);
                BootStorm.Result ng = BootStorm.run("nginx static #" + round, nginxBase, plain, CONCURRENCY, null);
                results.add(warm);
                results.add(ng);
                ratios.add(warm.perSecond() / ng.perSecond());
                bestWarm = bestWarm == null || warm.perSecond() > bestWarm.perSecond() ? warm : bestWarm;
                bestNginx = bestNginx == null || ng.perSecond() > bestNginx.perSecond() ? ng : bestNginx;
                assertThat(warm.ok()).isEqualTo(DEVICES);
                assertThat(ng.ok()).isEqualTo(DEVICES);
            }
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        StringBuilder report = new StringBuilder("\n=== provisioning boot storm: " + DEVICES + " devices, " + CONCURRENCY
                + " concurrent, HTTP Basic per device (nginx: same files, no auth) ===\n");
        for (BootStorm.Result r : results) {
            report.append(r).append('\n');
        }
        report.append("paired warm/nginx ratios per round: %s%n".formatted(
                ratios.stream().map(r -> "%.2f".formatted(r)).toList()));
        report.append("ratio warm/nginx: median of rounds = %.2f, best/best = %.2f   cold/nginx(best) = %.2f   (goal: warm >= 0.50)%n"
                .formatted(median, bestWarm.perSecond() / bestNginx.perSecond(), cold.perSecond() / bestNginx.perSecond()));
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-boot-storm.txt"), report.toString());

        assertThat(cold.ok()).isEqualTo(DEVICES);
    }

    /** Bulk-inserts the devices with encrypted secrets (the admin API would take minutes for 10,000). */
    private List<BootStorm.Request> insertDevices() throws Exception {
        Vendor[] vendors = Vendor.values();
        List<BootStorm.Request> requests = new ArrayList<>(DEVICES);
        String settings = JsonColumns.write(GoldenFixtures.SETTINGS);
        String keys = "[{\"module\":0,\"position\":0,\"type\":\"presence\",\"value\":\"2010\",\"label\":\"Bob\",\"line\":0}]";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device (mac, brand, family, model, prov_username, "
                    + "prov_password_enc, lines, keys, settings, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (mac) DO NOTHING")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < DEVICES; i++) {
                    Vendor v = vendors[i % vendors.length];
                    var t = GoldenFixtures.template(v);
                    String oui = GoldenFixtures.MACS.get(v).substring(0, 6);
                    String mac = oui + "B" + String.format("%05X", i);
                    String user = mac.toLowerCase();
                    List<LineRecord> lines = List.of(new LineRecord("2" + i, "2" + i, cipher.encrypt("sip-" + i, "sip-password"),
                            "pbx.example.com", 5060, "Bench " + i, "L" + i));
                    ps.setString(1, mac);
                    ps.setString(2, t.brand());
                    ps.setString(3, t.family());
                    ps.setString(4, t.model());
                    ps.setString(5, user);
                    ps.setString(6, cipher.encrypt(PASSWORD, "device-prov-password"));
                    ps.setString(7, JsonColumns.write(lines));
                    ps.setString(8, keys);
                    ps.setString(9, settings);
                    ps.setTimestamp(10, now);
                    ps.setTimestamp(11, now);
                    ps.addBatch();
                    if (i % 500 == 499) {
                        ps.executeBatch();
                    }
                    String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                    requests.add(new BootStorm.Request(path(v, mac), auth));
                }
                ps.executeBatch();
            }
            c.commit();
        }
        java.util.Collections.shuffle(requests, new java.util.Random(42));
        return requests;
    }

    private static String path(Vendor v, String mac) {
        String m = mac.toLowerCase();
        return switch (v) {
            case SNOM -> "/prov/snom/" + m + ".xml";
            case MITEL -> "/prov/mitel/" + mac + ".cfg";
            case YEALINK -> "/prov/yealink/" + m + ".cfg";
            case POLYCOM -> "/prov/polycom/" + m + "-telops.cfg";
            case GRANDSTREAM -> "/prov/grandstream/cfg" + m + ".xml";
            case CISCO -> "/prov/cisco/" + m + ".xml";
            case FANVIL -> "/prov/fanvil/" + m + ".cfg";
        };
    }
}
