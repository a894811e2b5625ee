package io.telops.provisioning.serving;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.telops.provisioning.config.ProvisioningConfig;

/**
 * HTTP Basic and Digest (RFC 7616, MD5, qop=auth) for phones, against a device's own credentials or
 * its site's. Digest nonces are stateless (timestamp + HMAC), so any instance can verify them and
 * they expire; comparisons are constant-time.
 */
@ApplicationScoped
public class DeviceAuthenticator {
    private static final SecureRandom RANDOM = new SecureRandom();
    @Inject
    ProvisioningConfig config;
    @Inject
    io.telops.provisioning.crypto.SecretCipher cipher;

    private volatile SecretKeySpec nonceKey;
    /** Credentials no phone can present: random per start, never stored or shown. */
    private final List<LoadedDevice.Credentials> decoys = List.of(decoy(), decoy());

    /** What the phone presented in its Authorization header. */
    public sealed interface Presented permits NoCredentials, BasicCredentials, DigestCredentials {
    }

    public record NoCredentials() implements Presented {
    }

    public record BasicCredentials(String username, String password) implements Presented {
        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    public record DigestCredentials(Map<String, String> params) implements Presented {
    }

    public static Presented parse(String authorization) {
        if (authorization == null || authorization.isBlank() || authorization.length() > 4096) {
            return new NoCredentials();
        }
        String h = authorization.strip();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        String rest = sp < 0 ? "" : h.substring(sp + 1).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? new NoCredentials() : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return new NoCredentials();
            }
        }
        if (scheme.equalsIgnoreCase("Digest")) {
            return new DigestCredentials(digestParams(rest));
        }
        return new NoCredentials();
    }

    /**
     * True when the presented credentials are the device's or its site's. Always checks two pairs, with decoys for a
     * missing site or an unknown device, so the work (and time) does not tell whether the MAC or a site exists.
     */
    public boolean verify(Presented presented, Optional<LoadedDevice.Credentials> device,
                          Optional<LoadedDevice.Credentials> site, String method, String requestUri, Instant now) {
        List<LoadedDevice.Credentials> accepted = List.of(device.orElse(decoys.get(0)), site.orElse(decoys.get(1)));
        return verify(presented, accepted, method, requestUri, now) && device.isPresent();
    }

    /** True when the presented credentials match one of the accepted credential pairs. */
    public boolean verify(Presented presented, List<LoadedDevice.Credentials> accepted, String method, String requestUri, Instant now) {
        if (presented instanceof BasicCredentials b) {
            boolean ok = false;
            for (LoadedDevice.Credentials c : accepted) {
                // evaluate every candidate: the time taken does not tell which one matched
                ok |= equal(b.username(), c.username()) & equal(b.password(), c.password());
            }
            return ok;
        }
        if (presented instanceof DigestCredentials d) {
            Map<String, String> p = d.params();
            String username = p.get("username");
            String nonce = p.get("nonce");
            String response = p.get("response");
            String uri = p.get("uri");
            if (username == null || nonce == null || response == null || uri == null || !uri.equals(requestUri)
                    || !config.authRealm().equals(p.get("realm")) || !nonceValid(nonce, now)) {
                return false;
            }
            String algorithm = p.getOrDefault("algorithm", "MD5");
            if (!algorithm.equalsIgnoreCase("MD5")) {
                return false;
            }
            String qop = p.get("qop");
            boolean ok = false;
            for (LoadedDevice.Credentials c : accepted) {
                String ha1 = md5(c.username() + ":" + config.authRealm() + ":" + c.password());
                String ha2 = md5(method + ":" + uri);
                String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                        : "auth".equals(qop) ? md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":"
                        + p.getOrDefault("cnonce", "") + ":auth:" + ha2) : "";
                ok |= equal(username, c.username()) & equal(response.toLowerCase(java.util.Locale.ROOT), expected);
            }
            return ok;
        }
        return false;
    }

    /** The challenges of the uniform 401: Digest first (preferred), then Basic. */
    public List<String> challenges(Instant now) {
        String realm = config.authRealm();
        return List.of("Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + newNonce(now) + "\"",
                "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    }

    String newNonce(Instant now) {
        String ts = Long.toHexString(now.toEpochMilli());
        return ts + "." + sign(ts);
    }

    boolean nonceValid(String nonce, Instant now) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || nonce.length() > 100) {
            return false;
        }
        String ts = nonce.substring(0, dot);
        if (!equal(nonce.substring(dot + 1), sign(ts))) {
            return false;
        }
        try {
            long issued = Long.parseLong(ts, 16);
            long age = now.toEpochMilli() - issued;
            return age >= -5_000 && age <= config.nonceLifetime().toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String data) {
        try {
            if (nonceKey == null) {
                nonceKey = new SecretKeySpec(cipher.derive("digest-nonce"), "HmacSHA256");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LoadedDevice.Credentials decoy() {
        byte[] random = new byte[48];
        RANDOM.nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new LoadedDevice.Credentials("decoy-" + text.substring(0, 24), text.substring(24));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses {@code k=v, k="quoted, value"} pairs of a Digest Authorization header. */
    static Map<String, String> digestParams(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).strip().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
                value = v.toString();
            } else {
                int end = s.indexOf(',', i);
                value = (end < 0 ? s.substring(i) : s.substring(i, end)).strip();
                i = end < 0 ? s.length() : end;
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    public static Optional<String> username(Presented p) {
        if (p instanceof BasicCredentials b) {
            return Optional.of(b.username());
        }
        if (p instanceof DigestCredentials d) {
            return Optional.ofNullable(d.params().get("username"));
        }
        return Optional.empty();
    }
}
