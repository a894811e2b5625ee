package io.telops.callforward.fake;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the tests that drive the running service as Plivo would share: one probe of call events per class, the Plivo
 * fake reset before each test, and a driver that signs its callbacks for the service's public address.
 */
public abstract class PlivoDrivenTest {
    /** The address Plivo signs callbacks for; the service is told the same one in the test profile. */
    protected static final URI PUBLIC = URI.create("https://forward.example.com:8443");
    protected static CallEventsProbe events;

    @TestHTTPResource("/")
    protected URI local;
    protected PlivoCallDriver plivo;
    protected final PlivoFake fake = PlivoFake.shared();

    @BeforeAll
    static void openProbe() {
        events = new CallEventsProbe();
    }

    @AfterAll
    static void closeProbe() {
        events.close();
    }

    @BeforeEach
    void resetFakeAndDriver() {
        fake.reset();
        plivo = PlivoCallDriver.towards(PUBLIC, local);
    }
}
