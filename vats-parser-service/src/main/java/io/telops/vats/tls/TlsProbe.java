package io.telops.vats.tls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Performs the TLS handshake with the cabinet's host the way the VATS client would (same context,
 * protocols, suites, trust and hostname verification), sends nothing over it, and says what was
 * negotiated or why it failed. When the modern profile is refused, it retries once with the legacy
 * suites, only to tell the operator whether the opt-in would help.
 */
public final class TlsProbe {
    private static final String NEITHER_PROFILE = "the server accepts neither the modern nor the legacy suites of this client; "
            + "it may need a protocol or algorithm this JVM disables (jdk.tls.disabledAlgorithms), which this service does not relax";
    private final CabinetTls tls;
    private final Duration timeout;

    public TlsProbe(CabinetTls tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    public TlsHandshake probe(URI baseUrl) {
        String endpoint = endpoint(baseUrl);
        if (!"https".equalsIgnoreCase(baseUrl.getScheme())) {
            return new TlsHandshake.NotApplicable(endpoint);
        }
        TlsHandshake result = handshake(tls, baseUrl, endpoint);
        if (result instanceof TlsHandshake.Failed failed && failed.reason().equals("no_common_parameters")) {
            if (tls.legacyEnabled()) {
                return new TlsHandshake.Failed(endpoint, failed.reason(), failed.message(), NEITHER_PROFILE, failed.took());
            }
            if (handshake(tls.withLegacy(true), baseUrl, endpoint) instanceof TlsHandshake.Established legacy) {
                return new TlsHandshake.Failed(endpoint, "legacy_only_server", "the server only agrees to " + legacy.protocol() + " "
                        + legacy.cipherSuite() + ", which the modern profile refuses (" + failed.message() + ")",
                        "set telops.vats.tls.legacy.enabled=true to allow the legacy suites for the VATS client only", failed.took());
            }
            return new TlsHandshake.Failed(endpoint, failed.reason(), failed.message(), NEITHER_PROFILE, failed.took());
        }
        return result;
    }

    private TlsHandshake handshake(CabinetTls profile, URI baseUrl, String endpoint) {
        String host = baseUrl.getHost();
        int port = baseUrl.getPort() < 0 ? 443 : baseUrl.getPort();
        long started = System.nanoTime();
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket socket = (SSLSocket) profile.sslContext().getSocketFactory().createSocket(plain, host, port, false)) {
                socket.startHandshake();
                SSLSession session = socket.getSession();
                String subject = "?";
                java.time.Instant notAfter = java.time.Instant.EPOCH;
                if (session.getPeerCertificates().length > 0 && session.getPeerCertificates()[0] instanceof X509Certificate cert) {
                    subject = cert.getSubjectX500Principal().getName();
                    notAfter = cert.getNotAfter().toInstant();
                }
                return new TlsHandshake.Established(endpoint, session.getProtocol(), session.getCipherSuite(),
                        profile.isLegacySuite(session.getCipherSuite()), subject, notAfter, since(started));
            }
        } catch (UnknownHostException | ConnectException e) {
            return new TlsHandshake.Failed(endpoint, "unreachable", e.toString(), "check telops.vats.base-url and the network", since(started));
        } catch (SocketTimeoutException e) {
            return new TlsHandshake.Failed(endpoint, "timeout", "no answer within " + timeout.toMillis() + " ms", "", since(started));
        } catch (SSLException e) {
            return classify(endpoint, e, since(started));
        } catch (IOException e) {
            return new TlsHandshake.Failed(endpoint, "unreachable", e.toString(), "", since(started));
        }
    }

    private static TlsHandshake.Failed classify(String endpoint, SSLException e, Duration took) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String all = chain(e).toLowerCase(Locale.ROOT);
        if (has(e, CertPathBuilderException.class) || all.contains("pkix") || all.contains("certification path")) {
            return new TlsHandshake.Failed(endpoint, "untrusted_certificate", message,
                    "the server's certificate chain is not trusted; set telops.vats.tls.trust-store if a private CA signs it", took);
        }
        if (all.contains("no subject alternative") || all.contains("no name matching")) {
            return new TlsHandshake.Failed(endpoint, "hostname_mismatch", message, "the certificate does not name this host", took);
        }
        if (has(e, CertificateException.class)) {
            return new TlsHandshake.Failed(endpoint, "untrusted_certificate", message, "", took);
        }
        if (all.contains("handshake_failure") || all.contains("protocol_version") || all.contains("insufficient_security")
                || all.contains("no appropriate protocol") || all.contains("no cipher suites in common")
                || all.contains("no negotiable cipher suite")) {
            return new TlsHandshake.Failed(endpoint, "no_common_parameters", message, "", took);
        }
        return new TlsHandshake.Failed(endpoint, "handshake_failed", message, "", took);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append(" | ");
        }
        return b.toString();
    }

    private static String endpoint(URI baseUrl) {
        return baseUrl.getHost() + ":" + (baseUrl.getPort() < 0 ? ("https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80) : baseUrl.getPort());
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
