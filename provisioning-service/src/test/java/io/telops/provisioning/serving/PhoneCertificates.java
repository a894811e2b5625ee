package io.telops.provisioning.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import io.telops.testkit.Keytool;

/**
 * Test PKI made with the JDK's {@code keytool} (BouncyCastle is not on this classpath): a device CA standing
 * in for a vendor's factory CA, the server's own self-signed certificate, device certificates signed by the CA
 * with the MAC in the CN or only in a DNS subject alternative name, and a self-signed impostor.
 */
public final class PhoneCertificates {
    public static final String PASSWORD = "changeit";
    private final Path dir;

    private PhoneCertificates(Path dir) {
        this.dir = dir;
    }

    public static PhoneCertificates create(Path dir) throws IOException, InterruptedException {
        PhoneCertificates pki = new PhoneCertificates(dir);
        Keytool.run("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Telops Test Device CA", "-ext", "bc:c", "-storetype", "PKCS12",
                "-keystore", pki.file("ca.p12"), "-storepass", PASSWORD);
        Keytool.run("-exportcert", "-rfc", "-alias", "ca", "-keystore", pki.file("ca.p12"), "-storepass", PASSWORD,
                "-file", pki.file("ca.pem"));
        Keytool.run("-importcert", "-noprompt", "-alias", "device-ca", "-file", pki.file("ca.pem"), "-storetype", "PKCS12",
                "-keystore", pki.file("device-trust.p12"), "-storepass", PASSWORD);
        Keytool.run("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", pki.file("server.p12"), "-storepass", PASSWORD);
        return pki;
    }

    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path deviceTrustStore() {
        return dir.resolve("device-trust.p12");
    }

    /** A device certificate signed by the device CA, with the given subject and optional {@code -ext san=...}. */
    public Path deviceCertificate(String name, String dname, String san) throws IOException, InterruptedException {
        String store = file(name + ".p12");
        Keytool.run("-genkeypair", "-alias", "device", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", store, "-storepass", PASSWORD);
        Keytool.run("-certreq", "-alias", "device", "-keystore", store, "-storepass", PASSWORD, "-file", file(name + ".csr"));
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"),
                "-storepass", PASSWORD, "-validity", "2", "-ext", "eku=clientAuth", "-infile", file(name + ".csr"),
                "-outfile", file(name + ".pem")));
        if (!san.isEmpty()) {
            sign.addAll(List.of("-ext", "san=" + san));
        }
        Keytool.run(sign.toArray(String[]::new));
        // the reply carries its chain (leaf, then CA), so keytool can attach it without trusting the CA first
        Files.writeString(dir.resolve(name + "-chain.pem"), Files.readString(dir.resolve(name + ".pem"))
                + Files.readString(dir.resolve("ca.pem")));
        Keytool.run("-importcert", "-noprompt", "-alias", "device", "-file", file(name + "-chain.pem"), "-keystore", store,
                "-storepass", PASSWORD);
        return dir.resolve(name + ".p12");
    }

    /** A self-signed certificate naming a MAC: no CA vouches for it. */
    public Path selfSigned(String name, String dname) throws IOException, InterruptedException {
        Keytool.run("-genkeypair", "-alias", "device", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", file(name + ".p12"), "-storepass", PASSWORD);
        return dir.resolve(name + ".p12");
    }

    /** A client context presenting this key store (or none) and trusting the server's certificate. */
    public SSLContext clientContext(Path clientKeyStore) throws Exception {
        return clientContext(clientKeyStore, false);
    }

    /**
     * As above; with {@code force}, the certificate is sent even when its issuer is not among the CAs the server
     * names in its request (a normal client would then send none), as an impostor would.
     */
    public SSLContext clientContext(Path clientKeyStore, boolean force) throws Exception {
        KeyManager[] keyManagers = null;
        if (clientKeyStore != null) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(clientKeyStore), PASSWORD.toCharArray());
            keyManagers = keys.getKeyManagers();
            if (force) {
                keyManagers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) keyManagers[0])};
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(serverKeyStore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

    /** Offers the key store's {@code device} entry whatever the server asks for. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresent(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "device";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "device";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"device"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }
}
