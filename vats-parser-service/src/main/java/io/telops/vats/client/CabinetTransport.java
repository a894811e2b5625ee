package io.telops.vats.client;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.telops.vats.cabinet.CabinetTypes;
import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.gwt.GwtRpcResponseReader;
import io.telops.vats.gwt.GwtRpcWire;
import io.telops.vats.tls.CabinetTls;

/**
 * HTTP to the cabinet. Login and bootstrap pages go through jsoup (form parsing, cookies, redirects);
 * GWT-RPC posts go through {@code java.net.http} sharing the same cookie jar. Every call is logged with
 * its duration and size, never with a body, cookie or password.
 */
public class CabinetTransport implements CabinetGateway {
    private static final Logger LOG = Logger.getLogger(CabinetTransport.class);
    private static final Pattern ENTERPRISE = Pattern.compile("/enterprise/(\\d+)");
    private static final int MAX_LOGIN_REDIRECTS = 5;
    static final List<String> SERVICES = List.of(CabinetTypes.ABONENT_BROWSER_PATH, CabinetTypes.DISPATCHER_PATH,
            CabinetTypes.DEVICE_FORM_PATH);

    private final CabinetSettings settings;
    private final CabinetTls tls;

    /** With the modern TLS profile. */
    public CabinetTransport(CabinetSettings settings) {
        this(settings, CabinetTls.modern());
    }

    public CabinetTransport(CabinetSettings settings, CabinetTls tls) {
        this.settings = settings;
        this.tls = tls;
    }

    public CabinetSettings settings() {
        return settings;
    }

    /** Logs in and discovers permutation, policies and signatures. */
    @Override
    public CabinetSession login() {
        String user = settings.username().orElseThrow(() -> new CabinetException.NotConfigured("telops.vats.username is not set"));
        String password = settings.password().orElseThrow(() -> new CabinetException.NotConfigured("telops.vats.password is not set"));
        CabinetOrigin origin;
        try {
            origin = CabinetOrigin.of(settings.baseUrl());
        } catch (IllegalArgumentException e) {
            throw new CabinetException.NotConfigured("telops.vats.base-url: " + e.getMessage());
        }
        long started = System.nanoTime();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        Connection jsoup = Jsoup.newSession()
                .cookieStore(cookies.getCookieStore())
                .timeout((int) settings.requestTimeout().toMillis())
                .followRedirects(true)
                .ignoreHttpErrors(true)
                .ignoreContentType(true)
                .maxBodySize(0)
                .sslContext(tls.sslContext())
                .userAgent("telops-vats-parser/1.0");
        try {
            Connection.Response loginPage = jsoup.newRequest(settings.base() + "login/").method(Connection.Method.GET).execute();
            requireOk(loginPage, "login page");
            Document page = loginPage.parse();
            Element form = Optional.ofNullable(page.selectFirst("form:has(input[name=j_username])"))
                    .orElseThrow(() -> new CabinetException.UnexpectedLayout("login page has no form with j_username", null));
            String action = form.absUrl("action");
            Map<String, String> fields = new LinkedHashMap<>();
            for (Element hidden : form.select("input[type=hidden][name]")) {
                fields.put(hidden.attr("name"), hidden.val());
            }
            fields.put("j_username", user);
            fields.put("j_password", password);
            Connection.Response landing = postCredentials(jsoup, origin,
                    action.isEmpty() ? settings.base() + "j_spring_security_check" : action, fields);
            requireOk(landing, "login");
            String landedOn = landing.url().toString();
            Document landingPage = landing.parse();
            if (landingPage.selectFirst("input[name=j_username]") != null || landedOn.contains("/login")) {
                String reason = Optional.ofNullable(landingPage.selectFirst(".error, .alert, #error"))
                        .map(Element::text).filter(t -> !t.isBlank()).orElse("the login form came back");
                throw new CabinetException.LoginFailed("cabinet rejected the login of " + settings.maskedUsername() + ": " + reason);
            }
            Matcher enterprise = ENTERPRISE.matcher(landedOn);
            long enterpriseId = settings.contractId().orElseGet(() -> {
                if (!enterprise.find()) {
                    throw new CabinetException.LoginFailed("landed on " + SafeLog.path(landedOn) + ", not an enterprise page");
                }
                return Long.parseLong(enterprise.group(1));
            });

            String moduleBase = settings.moduleBaseUrl();
            Connection.Response nocache = jsoup.newRequest(moduleBase + settings.module() + ".nocache.js").method(Connection.Method.GET).execute();
            requireOk(nocache, "nocache.js");
            String permutation = BootstrapScripts.permutation(nocache.body());
            Connection.Response cache = jsoup.newRequest(moduleBase + permutation + ".cache.js").method(Connection.Method.GET).execute();
            requireOk(cache, "cache.js");
            String script = cache.body();
            Map<String, String> policies = BootstrapScripts.policies(script, SERVICES);
            Map<String, String> signatures = BootstrapScripts.signatures(script);
            Optional<String> version = BootstrapScripts.gwtVersion(script);

            HttpClient http = HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .connectTimeout(settings.connectTimeout())
                    .sslContext(tls.sslContext())
                    .sslParameters(tls.parameters())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            LOG.infof("cabinet login of %s ok in %d ms: enterprise %d, permutation %s, GWT %s, %d type signatures",
                    settings.maskedUsername(), millisSince(started), enterpriseId, permutation, version.orElse("?"),
                    signatures.size());
            return new CabinetSession(cookies, http, enterpriseId, permutation, policies, signatures, version, Instant.now(),
                    moduleBase);
        } catch (SSLException e) {
            LOG.warnf("cabinet login of %s failed after %d ms: TLS handshake failed with %s (%s): %s", settings.maskedUsername(),
                    millisSince(started), settings.baseUrl().getHost(), tls, e.getMessage());
            throw new CabinetException.Unavailable("cabinet login: TLS handshake failed (" + e.getMessage()
                    + "); see /q/health/group/cabinet and telops.vats.tls.*", e);
        } catch (IOException e) {
            LOG.warnf("cabinet login of %s failed after %d ms: %s", settings.maskedUsername(), millisSince(started), e.toString());
            throw new CabinetException.Unavailable("cabinet login: " + e.getMessage(), e);
        }
    }

    /**
     * Posts the login form to the cabinet origin only. Redirects are followed by hand: a 307 or 308 would
     * post the credentials again to its target, so it must stay on the origin too; any other redirect is a GET.
     */
    private static Connection.Response postCredentials(Connection jsoup, CabinetOrigin origin, String url,
                                                       Map<String, String> fields) throws IOException {
        String target = url;
        for (int hop = 0; hop <= MAX_LOGIN_REDIRECTS; hop++) {
            origin.requireForCredentials(target, hop == 0 ? "the login form's action" : "a redirect of the login post");
            Connection.Response response = jsoup.newRequest(target).method(Connection.Method.POST).followRedirects(false)
                    .data(fields).execute();
            int status = response.statusCode();
            Optional<String> location = Optional.ofNullable(response.header("Location")).filter(l -> !l.isBlank());
            if (status < 300 || status > 399 || location.isEmpty()) {
                return response;
            }
            String next = resolve(response, location.get());
            if (status != 307 && status != 308) {
                return jsoup.newRequest(next).method(Connection.Method.GET).execute();
            }
            target = next;
        }
        throw new CabinetException.LoginFailed("the login post was redirected more than " + MAX_LOGIN_REDIRECTS + " times");
    }

    private static String resolve(Connection.Response response, String location) {
        try {
            return response.url().toURI().resolve(location).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CabinetException.LoginFailed("the login post was redirected to a malformed location " + SafeLog.head(location));
        }
    }

    /** One GWT-RPC post; classifies every outcome. */
    @Override
    public GwtRpcResponse post(CabinetSession session, String servletPath, String body) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.moduleBaseUrl() + servletPath))
                .timeout(settings.requestTimeout())
                .header("Content-Type", GwtRpcWire.CONTENT_TYPE)
                .header(GwtRpcWire.PERMUTATION_HEADER, session.permutation())
                .header(GwtRpcWire.MODULE_BASE_HEADER, session.moduleBaseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = session.http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warnf("cabinet %s failed after %d ms: %s", servletPath, millisSince(started), e.toString());
            throw new CabinetException.Unavailable(servletPath + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CabinetException.Unavailable(servletPath + ": interrupted", e);
        }
        int status = response.statusCode();
        String text = response.body();
        LOG.infof("cabinet %s -> HTTP %d, %d chars in %d ms", servletPath, status, text.length(), millisSince(started));
        if (status == 301 || status == 302 || status == 303 || status == 401 || status == 403) {
            throw new CabinetException.SessionExpired(servletPath + " answered HTTP " + status + " to "
                    + response.headers().firstValue("Location").map(SafeLog::path).orElse("(no location)"));
        }
        if (status >= 500) {
            throw new CabinetException.Unavailable(servletPath + " answered HTTP " + status + ": " + SafeLog.head(text), null);
        }
        if (status != 200) {
            throw new CabinetException.UnexpectedLayout(servletPath + " answered HTTP " + status, null);
        }
        if (looksLikeLoginPage(text)) {
            throw new CabinetException.SessionExpired(servletPath + " answered with the login page");
        }
        try {
            return GwtRpcResponseReader.read(text);
        } catch (GwtRpcFormatException e) {
            throw new CabinetException.UnexpectedLayout(servletPath + ": " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeLoginPage(String text) {
        return !text.startsWith("//") && text.contains("j_username");
    }

    private static void requireOk(Connection.Response response, String what) {
        if (response.statusCode() >= 500) {
            throw new CabinetException.Unavailable(what + " answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new CabinetException.UnexpectedLayout(what + " answered HTTP " + response.statusCode(), null);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
