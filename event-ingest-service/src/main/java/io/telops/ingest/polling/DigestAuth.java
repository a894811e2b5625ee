package io.telops.ingest.polling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest (RFC 7616: MD5, MD5-sess, SHA-256, SHA-256-sess; qop=auth, or none for RFC 2069 servers): what Poly
 * phones demand on their polling handlers (apps.statePolling.username / password). The JDK HTTP client has no
 * digest support, hence this. No auth-int (a challenge offering only that is not answered) and no
 * userhash (the username goes as it is, which RFC 7616 leaves to the client).
 */
public final class DigestAuth {
    private static final Pattern PARAM = Pattern.compile("([\\w-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The algorithms of RFC 7616 section 3.3, by the token a challenge names them with. */
    enum Algorithm {
        MD5("MD5", "MD5", false),
        MD5_SESS("MD5-sess", "MD5", true),
        SHA_256("SHA-256", "SHA-256", false),
        SHA_256_SESS("SHA-256-sess", "SHA-256", true);

        final String token;
        final String digest;
        final boolean session;

        Algorithm(String token, String digest, boolean session) {
            this.token = token;
            this.digest = digest;
            this.session = session;
        }

        /** RFC 7616: an absent algorithm means MD5; tokens compare case-insensitively. */
        static Optional<Algorithm> of(Map<String, String> challenge) {
            String named = challenge.get("algorithm");
            if (named == null) {
                return Optional.of(MD5);
            }
            return Arrays.stream(values()).filter(a -> a.token.equalsIgnoreCase(named.strip())).findFirst();
        }

        String hash(String value) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(digest).digest(value.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(digest + " is required of every Java platform", e);
            }
        }
    }

    private DigestAuth() {
    }

    /**
     * The parameters of a {@code WWW-Authenticate: Digest ...} challenge (names lower-case, quoted values unescaped);
     * absent if it is not a digest challenge.
     */
    public static Optional<Map<String, String>> challenge(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
        }
        return params.containsKey("nonce") ? Optional.of(params) : Optional.empty();
    }

    /** Whether this client can answer the challenge: a known algorithm, and qop absent or offering "auth". */
    public static boolean supported(Map<String, String> challenge) {
        return unsupported(challenge).isEmpty();
    }

    /** The server's nonce expired but the credentials were right: answer the new challenge without giving up. */
    public static boolean stale(Map<String, String> challenge) {
        return "true".equalsIgnoreCase(challenge.getOrDefault("stale", "").strip());
    }

    /**
     * The {@code Authorization} header answering a challenge for one request.
     *
     * @throws IllegalArgumentException for a challenge that is not {@link #supported}
     */
    public static String authorization(Map<String, String> challenge, String method, String uri, String username, String password) {
        byte[] cnonce = new byte[16];
        RANDOM.nextBytes(cnonce);
        return authorization(challenge, method, uri, username, password, HexFormat.of().formatHex(cnonce));
    }

    static String authorization(Map<String, String> challenge, String method, String uri, String username, String password,
                                String cnonce) {
        unsupported(challenge).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        Algorithm algorithm = Algorithm.of(challenge).orElseThrow();
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        boolean qopAuth = challenge.containsKey("qop");
        String nc = "00000001";
        // RFC 7616 3.4.2: the -sess variants hash the nonces into A1 once per session
        String ha1 = algorithm.hash(username + ":" + realm + ":" + password);
        if (algorithm.session) {
            ha1 = algorithm.hash(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = algorithm.hash(method + ":" + uri);
        String response = qopAuth
                ? algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder header = new StringBuilder("Digest username=").append(quoted(username))
                .append(", realm=").append(quoted(realm)).append(", uri=").append(quoted(uri))
                .append(", algorithm=").append(algorithm.token).append(", nonce=").append(quoted(nonce));
        if (qopAuth) {
            header.append(", qop=auth, nc=").append(nc);
        }
        if (qopAuth || algorithm.session) {
            header.append(", cnonce=").append(quoted(cnonce));
        }
        header.append(", response=\"").append(response).append('"');
        if (challenge.containsKey("opaque")) {
            header.append(", opaque=").append(quoted(challenge.get("opaque")));
        }
        return header.toString();
    }

    /** Why a challenge cannot be answered, if it cannot. */
    private static Optional<String> unsupported(Map<String, String> challenge) {
        if (Algorithm.of(challenge).isEmpty()) {
            return Optional.of("unsupported digest algorithm " + challenge.get("algorithm"));
        }
        // qop is a list ("auth, auth-int"): only the exact token "auth" will do
        String qop = challenge.get("qop");
        if (qop != null && Arrays.stream(qop.split(",")).map(String::strip).noneMatch("auth"::equalsIgnoreCase)) {
            return Optional.of("digest challenge offers qop=" + qop + " only; this client answers qop=auth");
        }
        return Optional.empty();
    }

    /** An RFC 7230 quoted-string: backslash before {@code "} and {@code \}. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
