package io.telops.ingest.polling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The poller asks a phone only at an address a push could not forge: inside the group's subnets AND the source
 * address of that phone's last push. Proven with listeners on loopback addresses that count every connection.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class PollingTargetsTest {
    /** Where the test's pushes come from. */
    static final String SOURCE = "127.0.0.1";
    static final String ELSEWHERE = "127.0.0.2";
    static final AtomicInteger MACS = new AtomicInteger();

    @Inject
    StatePolling polling;

    @Inject
    DataSource dataSource;

    Listener atSource;
    Listener atElsewhere;

    @BeforeEach
    void listen() throws IOException {
        atSource = new Listener(SOURCE, 0);
        atElsewhere = new Listener(ELSEWHERE, atSource.port());
    }

    @AfterEach
    void close() throws IOException {
        atSource.close();
        atElsewhere.close();
    }

    @Test
    void aPushClaimingAnotherPhoneIpThanItsSourceDoesNotPointThePollerThere() throws Exception {
        String forged = push(ELSEWHERE);
        String honest = push(SOURCE);

        polling.pollGroup("loopback", group("127.0.0.0/8"));

        assertThat(atElsewhere.connections()).as("connections to the PhoneIP %s claimed from %s", ELSEWHERE, SOURCE).isZero();
        assertThat(atSource.connections()).as("connections to a phone that pushed from its own address (%s)", honest).isPositive();
        assertThat(forged).isNotEqualTo(honest);
    }

    @Test
    void aPushClaimingAPhoneIpOutsideTheSubnetsDoesNotPointThePollerThere() throws Exception {
        push(ELSEWHERE);
        push(SOURCE);

        // the sender is in the group's subnets, the claimed address is not
        polling.pollGroup("source-only", group(SOURCE + "/32"));

        assertThat(atElsewhere.connections()).as("connections to the PhoneIP %s outside %s/32", ELSEWHERE, SOURCE).isZero();
    }

    /** Pushes an off-hook event of a fresh phone claiming {@code phoneIp}; returns once the phone is known. */
    private String push(String phoneIp) throws Exception {
        String mac = String.format("00E0F7B%05X", MACS.incrementAndGet());
        String body = "<PolycomIPPhone><OffHookEvent><PhoneIP>" + phoneIp + "</PhoneIP><MACAddress>" + mac
                + "</MACAddress><TimeStamp>2026-11-25T10:00:00+01:00</TimeStamp></OffHookEvent></PolycomIPPhone>";
        given().baseUri("http://" + SOURCE).contentType("application/xml").body(body).when().post("/polycom/events")
                .then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!known(mac) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(known(mac)).as("phone %s stored as known", mac).isTrue();
        return mac;
    }

    private boolean known(String mac) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from known_phone where mac = ?")) {
            ps.setString(1, mac);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private io.telops.ingest.IngestConfig.Polling.Group group(String subnet) {
        return StatePollingTest.group(Optional.of(List.of(subnet)), Optional.empty(), Optional.of(atSource.port()), "Polycom", "456");
    }

    /** A loopback listener that accepts, counts and drops connections (the poll then fails, which is fine here). */
    static final class Listener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket();
        private final AtomicInteger accepted = new AtomicInteger();

        Listener(String address, int port) throws IOException {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "listener-" + address);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
