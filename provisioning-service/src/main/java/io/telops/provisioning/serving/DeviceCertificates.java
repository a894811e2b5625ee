package io.telops.provisioning.serving;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import io.telops.contracts.MacAddress;
import io.vertx.core.http.HttpServerRequest;

/**
 * Device authentication by TLS client certificate. The TLS layer has already validated the chain against
 * the configured trust store (the vendors' device CAs, or the operator's own); here the certificate is tied
 * to a MAC. Vendors put the MAC in the subject: Polycom's factory device certificate and Yealink's unique
 * device certificate are "unique to a device (based on the MAC address)", and Cisco's manufacturer
 * certificates use {@code SEP<MAC>}; their exact spelling is not published, so every common spelling is
 * accepted ({@code 0004f2aabbcc}, {@code 00:04:F2:AA:BB:CC}, {@code 00-04-f2-aa-bb-cc}, {@code 0004.f2aa.bbcc},
 * with or without a prefix), in the subject CN and in the DNS, URI and e-mail subject alternative names.
 * A certificate names a device only if exactly one distinct MAC appears in those places.
 */
public final class DeviceCertificates {
    private static final Pattern MAC = Pattern.compile("(?i)(?<![0-9a-f])(?:[0-9a-f]{12}|[0-9a-f]{2}(?::[0-9a-f]{2}){5}"
            + "|[0-9a-f]{2}(?:-[0-9a-f]{2}){5}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4})(?![0-9a-f])");
    private static final int SAN_RFC822 = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private DeviceCertificates() {
    }

    /** The client certificate of a TLS request, when the phone presented one. */
    public static Optional<X509Certificate> presented(HttpServerRequest request) {
        if (!request.isSSL()) {
            return Optional.empty();
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The one MAC this certificate names, or empty when it names none or several. */
    public static Optional<String> mac(X509Certificate certificate) {
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        return mac(certificate.getSubjectX500Principal(), sans == null ? List.of() : sans);
    }

    static Optional<String> mac(X500Principal subject, Collection<List<?>> subjectAlternativeNames) {
        Set<String> macs = macs(subject, subjectAlternativeNames);
        return macs.size() == 1 ? Optional.of(macs.iterator().next()) : Optional.empty();
    }

    /** Every MAC in the subject's common names and in the DNS, URI and e-mail alternative names. */
    static Set<String> macs(X500Principal subject, Collection<List<?>> subjectAlternativeNames) {
        List<String> places = new ArrayList<>(commonNames(subject));
        for (List<?> san : subjectAlternativeNames) {
            if (san.size() >= 2 && san.get(0) instanceof Integer type && san.get(1) instanceof String value
                    && (type == SAN_DNS || type == SAN_URI || type == SAN_RFC822)) {
                places.add(value);
            }
        }
        Set<String> macs = new LinkedHashSet<>();
        for (String place : places) {
            Matcher m = MAC.matcher(place);
            while (m.find()) {
                macs.add(MacAddress.normalise(m.group()));
            }
        }
        return macs;
    }

    private static List<String> commonNames(X500Principal subject) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return names;
    }
}
