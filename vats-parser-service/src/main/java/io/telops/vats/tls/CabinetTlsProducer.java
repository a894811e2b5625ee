package io.telops.vats.tls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.telops.vats.client.VatsConfig;

/** The VATS client's TLS profile from {@code telops.vats.tls.*}; a profile the JVM cannot honour fails startup with the reason. */
@ApplicationScoped
public class CabinetTlsProducer {
    private static final Logger LOG = Logger.getLogger(CabinetTlsProducer.class);

    @Produces
    @Singleton
    CabinetTls cabinetTls(VatsConfig config) {
        CabinetTls tls = CabinetTls.of(config.tls().settings());
        if (tls.legacyEnabled()) {
            LOG.warnf("VATS client TLS: legacy suites enabled for this client only (telops.vats.tls.legacy.enabled=true): %s %s",
                    tls.protocols(), tls.cipherSuites());
        }
        return tls;
    }
}
