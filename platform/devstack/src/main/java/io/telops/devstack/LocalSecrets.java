package io.telops.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The local run's secrets, made at random once per data directory and kept there (owner-readable only): the admin
 * password, the Plivo stand-in's auth token, the VATS simulator's password, provisioning's AES key and billing's key
 * for calling-card PINs and voucher codes. Nothing is
 * fixed in the code, so the services' start-up check (no missing or published secret) holds for the local run too.
 */
public record LocalSecrets(String adminPassword, String plivoAuthToken, String vatsPassword, String provisioningKey,
                           String billingCodesKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the secrets of a data directory, making any that are missing. */
    public static LocalSecrets load(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path adminFile = dataDir.resolve("admin-password");
            if (!Files.exists(adminFile)) {
                writePrivate(adminFile, hex(9));
            }
            Path file = dataDir.resolve("secrets.properties");
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    p.load(in);
                }
            }
            int before = p.size();
            p.putIfAbsent("plivo-auth-token", hex(20));
            p.putIfAbsent("vats-password", hex(12));
            p.putIfAbsent("provisioning-secret-key", base64(32));
            p.putIfAbsent("billing-codes-secret", hex(24));
            if (p.size() != before) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    p.store(out, "telops local run: random secrets of this data directory");
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new LocalSecrets(Files.readString(adminFile).strip(), p.getProperty("plivo-auth-token"),
                    p.getProperty("vats-password"), p.getProperty("provisioning-secret-key"), p.getProperty("billing-codes-secret"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fresh random secrets around a given admin password, kept nowhere (tests). */
    public static LocalSecrets withAdminPassword(String adminPassword) {
        return new LocalSecrets(adminPassword, hex(20), hex(12), base64(32), hex(24));
    }

    /** System properties every service gets: the local admin user (bcrypt hash of the password). */
    public Map<String, String> adminUserConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("telops.security.users.admin.password-hash", BcryptUtil.bcryptHash(adminPassword));
        config.put("telops.security.users.admin.roles", "admin,operator");
        return config;
    }

    private static void writePrivate(Path file, String value) throws IOException {
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
