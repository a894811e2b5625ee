package io.telops.vats.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.telops.vats.cabinet.AbonentListLayout;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.cabinet.CabinetTypes;
import io.telops.vats.cabinet.DeviceForm;
import io.telops.vats.cabinet.DeviceFormLayout;
import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcRequest;
import io.telops.vats.gwt.GwtRpcRequest.ObjectSlot;
import io.telops.vats.gwt.GwtRpcRequestReader;
import io.telops.vats.gwt.GwtRpcResponseWriter;
import io.telops.vats.gwt.GwtRpcStyle;
import io.telops.vats.gwt.GwtRpcWire;

/**
 * A loopback fake of the MTS VATS cabinet (vpbx.mts.ru) that follows the real formats: Spring Security
 * form login with a JSESSIONID cookie and a redirect to {@code /gwt/enterprise/<id>/}, the GWT bootstrap
 * scripts ({@code vpbxGwt.nocache.js} naming the permutation, {@code <permutation>.cache.js} naming each
 * service's policy and the type signatures), and the three GWT-RPC services answering in GWT 2.7 style.
 * Requests are decoded independently of the client's layout writers (by hand, below), so a layout bug
 * in a request builder fails here. Failure modes: expired session, {@code //EX}, HTTP 500, slow answers,
 * and a redeploy that changes permutation and policies.
 */
public final class VatsSimulator implements AutoCloseable {
    public static final String MODULE = "vpbxGwt";
    public static final long ENTERPRISE_ID = 2587417674L;
    /** The X-AUTH-TOKEN the REST API accepts until {@link #setApiToken} changes it. */
    public static final String DEFAULT_API_TOKEN = "9f3c1e7a-5b2d-4c8e-a1f0-6d4b2e8c7a15";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String FAILURE_TYPE = "ru.cti.vpbx.shared.exceptions.VpbxServiceException/2287193341";

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY every answer waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String username;
    private volatile String password;
    private final GwtRpcStyle style;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final TreeMap<Long, SimulatedTrunk> trunks = new TreeMap<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    private volatile String permutation;
    private volatile Map<String, String> policies;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger rpcCalls = new AtomicInteger();
    private final AtomicLong rpcNanos = new AtomicLong();
    private final AtomicLong rpcBytes = new AtomicLong();
    private final AtomicInteger expireAfterCalls = new AtomicInteger(-1);
    private final AtomicInteger failuresWith500 = new AtomicInteger();
    private final AtomicInteger rpcsInFlight = new AtomicInteger();
    private volatile long failListPage = -1;
    private volatile Duration delay = Duration.ZERO;
    private volatile String apiToken = DEFAULT_API_TOKEN;
    private volatile String loginFormAction = "/j_spring_security_check";
    private volatile Optional<String> loginPostRedirect = Optional.empty();
    private volatile boolean loseNextAddAnswer;
    private final Map<Long, Integer> devicesCreated = new ConcurrentHashMap<>();
    private final Set<Long> hiddenFromApi = ConcurrentHashMap.newKeySet();
    private final Map<Long, String> apiOnly = new ConcurrentHashMap<>();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private long nextDeviceId = 3_000_000_000L;

    private VatsSimulator(String username, String password, GwtRpcStyle style, int port, Optional<SSLContext> tls,
                          Optional<SSLParameters> tlsParameters) throws IOException {
        this.username = username;
        this.password = password;
        this.style = style;
        redeploy();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()) {
                @Override
                public void configure(HttpsParameters params) {
                    params.setSSLParameters(tlsParameters.orElseGet(() -> getSSLContext().getDefaultSSLParameters()));
                }
            });
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vats-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static VatsSimulator start(String username, String password, int trunks) {
        return start(username, password, trunks, GwtRpcStyle.GWT_2_7, 0);
    }

    public static VatsSimulator start(String username, String password, int trunks, GwtRpcStyle style, int port) {
        return start(username, password, trunks, style, port, Optional.empty(), Optional.empty());
    }

    /** The cabinet over HTTPS with this server context and, if given, only these protocols and suites. */
    public static VatsSimulator startHttps(String username, String password, int trunks, SSLContext tls,
                                           Optional<SSLParameters> parameters) {
        return start(username, password, trunks, GwtRpcStyle.GWT_2_7, 0, Optional.of(tls), parameters);
    }

    private static VatsSimulator start(String username, String password, int trunks, GwtRpcStyle style, int port,
                                       Optional<SSLContext> tls, Optional<SSLParameters> parameters) {
        try {
            VatsSimulator simulator = new VatsSimulator(username, password, style, port, tls, parameters);
            simulator.reset(trunks);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the VATS simulator", e);
        }
    }

    public String baseUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The account's password changed in the cabinet: every session ends, old credentials fail. */
    public void changePassword(String newPassword) {
        password = newPassword;
        sessions.clear();
    }

    /**
     * Back to {@code count} generated trunks and no failure modes. Waits first for the calls still being answered
     * (a slowed call whose client gave up keeps running here): one finishing later would use up a failure mode the
     * next test sets, e.g. the 500 of {@link #failNextCalls(int)}.
     */
    public void reset(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rpcsInFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (lock) {
            trunks.clear();
            for (int i = 0; i < count; i++) {
                long id = 2_600_000_000L + 7L * i;
                SimulatedTrunk t = new SimulatedTrunk(id, "7916" + (1_000_000 + i), "Транк №" + i + " \"офис\" <" + i + ">");
                t.activated = i % 10 != 9;
                t.markedForDeletion = i % 25 == 24;
                t.bindingWorking = i % 40 != 39;
                t.blocked = i % 100 == 99;
                if (i % 50 != 49) {
                    t.deviceId = 3_000_000_000L + i;
                    t.deviceEnabled = t.activated;
                    t.sipPassword = "Pw" + i + "!'<&>";
                }
                trunks.put(id, t);
            }
        }
        expireAfterCalls.set(-1);
        failuresWith500.set(0);
        apiToken = DEFAULT_API_TOKEN;
        hiddenFromApi.clear();
        apiOnly.clear();
        failListPage = -1;
        delay = Duration.ZERO;
        loginFormAction = "/j_spring_security_check";
        loginPostRedirect = Optional.empty();
        loseNextAddAnswer = false;
        devicesCreated.clear();
    }

    /** The login post is answered 307 to this URL, which tells a client to post the same body there. */
    public void redirectLoginPostTo(String location) {
        loginPostRedirect = Optional.of(location);
    }

    /** The login page's form posts to this URL (a tampered or misconfigured page). */
    public void setLoginFormAction(String action) {
        loginFormAction = action;
    }

    /** A new deployment: new permutation and policy strong names; old sessions stay valid. */
    public void redeploy() {
        permutation = hex();
        Map<String, String> p = new HashMap<>();
        for (String service : List.of(CabinetTypes.ABONENT_BROWSER_PATH, CabinetTypes.DISPATCHER_PATH, CabinetTypes.DEVICE_FORM_PATH)) {
            p.put(service, hex());
        }
        policies = Map.copyOf(p);
    }

    public String permutation() {
        return permutation;
    }

    public List<Long> trunkIds() {
        synchronized (lock) {
            return List.copyOf(trunks.keySet());
        }
    }

    public Optional<AbonentRow> row(long id) {
        synchronized (lock) {
            return Optional.ofNullable(trunks.get(id)).map(SimulatedTrunk::row);
        }
    }

    public Optional<DeviceForm> form(long id) {
        synchronized (lock) {
            return Optional.ofNullable(trunks.get(id)).map(t -> t.form(ENTERPRISE_ID));
        }
    }

    /** Changes a trunk as if an operator had used the cabinet. */
    public void setActivated(long id, boolean activated) {
        synchronized (lock) {
            SimulatedTrunk t = require(id);
            t.activated = activated;
            if (t.deviceId != null) {
                t.deviceEnabled = activated;
            }
        }
    }

    public void setBindingWorking(long id, boolean working) {
        synchronized (lock) {
            require(id).bindingWorking = working;
        }
    }

    public void addTrunk(long id, String phoneNumber) {
        synchronized (lock) {
            SimulatedTrunk t = new SimulatedTrunk(id, phoneNumber, "Новый транк");
            t.activated = false;
            t.bindingWorking = true;
            trunks.put(id, t);
        }
    }

    /** The abonent's number as the list shows it; empty: MTS shows none. */
    public void setPhoneNumber(long id, Optional<String> phoneNumber) {
        synchronized (lock) {
            require(id).phoneNumber = phoneNumber.orElse(null);
        }
    }

    /** The next device ADD is carried out, but its answer is lost (HTTP 500, as after a proxy timeout). */
    public void loseNextDeviceAddAnswer() {
        loseNextAddAnswer = true;
    }

    /** How many devices ADD requests created for this abonent, duplicates included. */
    public int devicesCreated(long id) {
        return devicesCreated.getOrDefault(id, 0);
    }

    public void removeTrunk(long id) {
        synchronized (lock) {
            trunks.remove(id);
        }
    }

    /** After {@code calls} more RPC calls, every session expires (the cabinet's idle timeout). */
    public void expireSessionsAfter(int calls) {
        expireAfterCalls.set(calls);
    }

    public void expireSessionsNow() {
        sessions.clear();
    }

    /** The list request for this page index answers {@code //EX}. */
    public void failListPage(long pageIndex) {
        failListPage = pageIndex;
    }

    /** The next {@code count} RPC calls answer HTTP 500 like a GWT servlet that threw. */
    public void failNextCalls(int count) {
        failuresWith500.set(count);
    }

    /** How many of the planned HTTP 500 answers are still to come. */
    public int remainingFailures() {
        return failuresWith500.get();
    }

    /** How many RPC calls are being answered now. */
    public int rpcsInFlight() {
        return rpcsInFlight.get();
    }

    /** Every RPC answer waits this long. */
    public void slowDown(Duration by) {
        delay = by;
    }

    /** The cabinet issued a new REST API token: the old one now gets 401. */
    public void setApiToken(String token) {
        apiToken = token;
    }

    /** The REST API leaves this abonent out of {@code /api/abonents} (the cabinet pages still show it). */
    public void hideFromApi(long id) {
        hiddenFromApi.add(id);
    }

    /** The REST API lists an abonent the cabinet pages do not show. */
    public void addApiOnlyAbonent(long id, String phoneNumber) {
        apiOnly.put(id, phoneNumber);
    }

    public int apiCalls() {
        return apiCalls.get();
    }

    public int logins() {
        return logins.get();
    }

    public int rpcCalls() {
        return rpcCalls.get();
    }

    /** Time spent inside RPC handlers (decode request, build answer, write it), for the benchmark baseline. */
    public Duration rpcServingTime() {
        return Duration.ofNanos(rpcNanos.get());
    }

    public long rpcBytes() {
        return rpcBytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/login/")) {
                boolean error = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("").contains("error");
                html(exchange, 200, loginPage(error, loginFormAction));
            } else if (method.equals("POST") && path.equals("/j_spring_security_check")) {
                login(exchange);
            } else if (method.equals("GET") && path.startsWith("/gwt/enterprise/")) {
                if (session(exchange).isEmpty()) {
                    redirect(exchange, "/login/");
                } else {
                    html(exchange, 200, "<html><head><script src=\"/" + MODULE + "/" + MODULE + ".nocache.js\"></script>"
                            + "</head><body>ВАТС</body></html>");
                }
            } else if (method.equals("GET") && path.equals("/" + MODULE + "/" + MODULE + ".nocache.js")) {
                text(exchange, 200, "application/javascript", nocacheJs());
            } else if (method.equals("GET") && path.equals("/" + MODULE + "/" + permutation + ".cache.js")) {
                text(exchange, 200, "application/javascript", cacheJs());
            } else if (method.equals("GET") && path.equals("/api/abonents")) {
                restAbonents(exchange);
            } else if (method.equals("POST") && path.startsWith("/" + MODULE + "/")) {
                rpc(exchange, path.substring(MODULE.length() + 2));
            } else {
                text(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException e) {
            text(exchange, 500, "text/plain", "simulator error: " + e);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        if (loginPostRedirect.isPresent()) {
            exchange.getResponseHeaders().set("Location", loginPostRedirect.get());
            exchange.sendResponseHeaders(307, -1);
            return;
        }
        Map<String, String> form = formData(read(exchange.getRequestBody()));
        if (username.equals(form.get("j_username")) && password.equals(form.get("j_password"))) {
            String id = hex();
            sessions.add(id);
            logins.incrementAndGet();
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/; HttpOnly");
            redirect(exchange, "/gwt/enterprise/" + ENTERPRISE_ID + "/");
        } else {
            redirect(exchange, "/login/?error");
        }
    }

    private void rpc(HttpExchange exchange, String servletPath) throws IOException {
        rpcsInFlight.incrementAndGet();
        try {
            answerRpc(exchange, servletPath);
        } finally {
            rpcsInFlight.decrementAndGet();
        }
    }

    private void answerRpc(HttpExchange exchange, String servletPath) throws IOException {
        long started = System.nanoTime();
        String body = read(exchange.getRequestBody());
        if (session(exchange).isEmpty()) {
            // Spring Security sends unauthenticated requests to the login page
            redirect(exchange, "/login/");
            return;
        }
        int left = expireAfterCalls.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left == 0) {
            expireAfterCalls.set(-1);
            sessions.clear();
            redirect(exchange, "/login/");
            return;
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (failuresWith500.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            text(exchange, 500, "text/plain", "The call failed on the server; see server log for details");
            return;
        }
        if (exchange.getRequestHeaders().getFirst(GwtRpcWire.PERMUTATION_HEADER) == null) {
            text(exchange, 500, "text/plain", "The call failed on the server; see server log for details");
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!contentType.startsWith("text/x-gwt-rpc")) {
            text(exchange, 500, "text/plain", "Content-Type was '" + contentType + "'. Expected 'text/x-gwt-rpc'.");
            return;
        }
        String answer;
        try {
            answer = dispatch(servletPath, GwtRpcRequestReader.read(body));
        } catch (GwtRpcFormatException e) {
            answer = GwtRpcResponseWriter.incompatibleRemoteService(style,
                    "This application is out of date, please click the refresh button on your browser. ( " + e.getMessage() + " )");
        }
        rpcCalls.incrementAndGet();
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        rpcBytes.addAndGet(bytes.length);
        rpcNanos.addAndGet(System.nanoTime() - started);
    }

    private String dispatch(String servletPath, GwtRpcRequest request) {
        String expectedPolicy = policies.get(servletPath);
        if (expectedPolicy == null) {
            throw new GwtRpcFormatException("no servlet " + servletPath);
        }
        if (!expectedPolicy.equals(request.policyStrongName())) {
            throw new GwtRpcFormatException("unknown serialization policy " + request.policyStrongName());
        }
        if (!request.moduleBaseUrl().endsWith("/" + MODULE + "/")) {
            throw new GwtRpcFormatException("bad module base " + request.moduleBaseUrl());
        }
        try {
            return switch (request.serviceInterface() + "." + request.method()) {
                case CabinetTypes.ABONENT_BROWSER_SERVICE + "." + CabinetTypes.LIST_METHOD -> list(request);
                case CabinetTypes.DISPATCHER_SERVICE + "." + CabinetTypes.GET_FORM_METHOD -> getForm(request);
                case CabinetTypes.DISPATCHER_SERVICE + "." + CabinetTypes.UPDATE_FORM_METHOD -> updateForm(request);
                case CabinetTypes.DEVICE_FORM_SERVICE + "." + CabinetTypes.SWITCH_DEVICE_METHOD -> switchDevice(request);
                default -> throw new GwtRpcFormatException("Could not locate requested method '" + request.method() + "'");
            };
        } catch (Refused e) {
            return failure(e.getMessage());
        }
    }

    /** What the cabinet answers as a thrown server failure ({@code //EX}), in its own words. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** AbonentBrowserRequestGWTModel, decoded field by field (see AbonentListLayout for the positions). */
    private String list(GwtRpcRequest request) {
        requireTypes(request, CabinetTypes.ABONENT_BROWSER_REQUEST);
        RequestObjects in = new RequestObjects(request.values());
        in.expectNew(CabinetTypes.ABONENT_BROWSER_REQUEST);
        in.expectNull();
        in.readBoolean();
        Optional<Boolean> blocked = in.readBoolean();
        Optional<Boolean> activated = in.readBoolean();
        in.readEnum(CabinetTypes.MIGRATION_STATE_TYPE);
        long contract = in.readLong().orElseThrow();
        in.expectNull();
        in.expectNull();
        long page = in.readLong().orElseThrow();
        long size = in.readLong().orElseThrow();
        in.expectNull();
        in.expectEnd();
        if (contract != ENTERPRISE_ID) {
            return failure("Нет доступа к предприятию " + contract);
        }
        if (page == failListPage) {
            return failure("Ошибка получения списка абонентов (страница " + page + ")");
        }
        if (size < 1 || size > 1000) {
            return failure("bad page size " + size);
        }
        List<AbonentRow> rows = new ArrayList<>();
        synchronized (lock) {
            List<SimulatedTrunk> matching = trunks.values().stream()
                    .filter(t -> blocked.map(b -> b == t.blocked).orElse(true))
                    .filter(t -> activated.map(a -> a == t.activated).orElse(true))
                    .toList();
            long from = page * size;
            for (long i = from; i < Math.min(matching.size(), from + size); i++) {
                rows.add(matching.get((int) i).row());
            }
        }
        return AbonentListLayout.response(new GwtRpcResponseWriter(style), rows);
    }

    private String getForm(GwtRpcRequest request) {
        requireTypes(request, GwtRpcWire.LONG, CabinetTypes.DISPATCHER);
        RequestObjects in = new RequestObjects(request.values());
        synchronized (lock) {
            return DeviceFormLayout.response(new GwtRpcResponseWriter(style), formTrunk(in).form(ENTERPRISE_ID));
        }
    }

    /** The abonent and the form a dispatcher call ends with; refused unless it is a known abonent's device form. Under the lock. */
    private SimulatedTrunk formTrunk(RequestObjects in) {
        long abonentId = in.readLong().orElseThrow();
        int ordinal = in.readEnum(CabinetTypes.DISPATCHER).orElseThrow();
        in.expectEnd();
        if (ordinal != CabinetTypes.DEVICE_FORM_ORDINAL) {
            throw new Refused("form " + ordinal + " is not simulated");
        }
        SimulatedTrunk t = trunks.get(abonentId);
        if (t == null) {
            throw new Refused("Абонент не найден: " + abonentId);
        }
        return t;
    }

    /** AbonentDeviceFormGWTModel as the ADD and DEL templates write it, decoded by hand. */
    private String updateForm(GwtRpcRequest request) {
        requireTypes(request, CabinetTypes.RECORD_MODEL, CabinetTypes.DISPATCHER);
        RequestObjects in = new RequestObjects(request.values());
        in.expectNew(CabinetTypes.DEVICE_FORM);
        in.expectNew(GwtRpcWire.ARRAY_LIST);
        int count = in.values.readInt();
        List<Long> abonentIds = new ArrayList<>();
        List<Boolean> enabled = new ArrayList<>();
        List<Optional<Long>> deviceIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            in.expectNew(CabinetTypes.DEVICE_RECORD);
            abonentIds.add(in.readLong().orElseThrow());
            enabled.add(in.values.readBoolean());
            deviceIds.add(in.readLong());
            in.readLong(); // enterprise
            in.values.readStringOrNull(); // line id
            in.values.readStringOrNull(); // login
            in.values.readStringOrNull(); // password
            in.values.readStringOrNull(); // device name
            in.expectNull();
            in.expectNull();
            in.expectNull();
            in.expectNew(GwtRpcWire.INTEGER);
            in.values.readInt();
            in.values.readInt();
            in.values.readStringOrNull(); // device type
            in.expectNull();
        }
        in.expectNew(GwtRpcWire.ARRAY_LIST);
        if (in.values.readInt() != 0) {
            return failure("second device list must be empty");
        }
        for (int i = 0; i < 14; i++) {
            in.expectNull();
        }
        synchronized (lock) {
            SimulatedTrunk t = formTrunk(in);
            long abonentId = t.id;
            if (abonentIds.stream().anyMatch(id -> id != abonentId)) {
                return failure("device belongs to another abonent");
            }
            if (count == 0) {
                t.deviceId = null;
                t.deviceEnabled = false;
            } else {
                if (deviceIds.get(0).isEmpty()) {
                    // a record without a device id is a new device, even when the abonent already has one (a duplicate)
                    t.deviceId = nextDeviceId++;
                    t.sipPassword = "New" + hex().substring(0, 8) + "!";
                    devicesCreated.merge(abonentId, 1, Integer::sum);
                    if (loseNextAddAnswer) {
                        loseNextAddAnswer = false;
                        t.deviceEnabled = enabled.get(0);
                        // handle() answers HTTP 500: the device exists, the client never hears so
                        throw new IllegalStateException("the answer to this ADD is lost");
                    }
                } else if (t.deviceId == null) {
                    t.deviceId = deviceIds.get(0).get();
                    t.sipPassword = "New" + hex().substring(0, 8) + "!";
                }
                // the device switch is not the abonent's activation flag: the cabinet keeps them apart
                t.deviceEnabled = enabled.get(0);
            }
            return DeviceFormLayout.response(new GwtRpcResponseWriter(style), t.form(ENTERPRISE_ID));
        }
    }

    private String switchDevice(GwtRpcRequest request) {
        requireTypes(request, GwtRpcWire.LONG, GwtRpcWire.BOOLEAN);
        RequestObjects in = new RequestObjects(request.values());
        long deviceId = in.readLong().orElseThrow();
        boolean on = in.readBoolean().orElseThrow();
        in.expectEnd();
        synchronized (lock) {
            Optional<SimulatedTrunk> owner = trunks.values().stream().filter(t -> Long.valueOf(deviceId).equals(t.deviceId)).findFirst();
            if (owner.isEmpty()) {
                return failure("Устройство не найдено: " + deviceId);
            }
            SimulatedTrunk t = owner.get();
            t.deviceEnabled = on;
            return DeviceFormLayout.response(new GwtRpcResponseWriter(style), t.form(ENTERPRISE_ID));
        }
    }

    private String failure(String message) {
        GwtRpcResponseWriter out = new GwtRpcResponseWriter(style);
        out.beginObject(FAILURE_TYPE);
        out.writeString(message);
        return out.toThrownResponse();
    }

    private void requireTypes(GwtRpcRequest request, String... types) {
        if (!request.parameterTypes().equals(List.of(types))) {
            throw new GwtRpcFormatException("Invalid type signature for " + request.parameterTypes());
        }
    }

    private SimulatedTrunk require(long id) {
        SimulatedTrunk t = trunks.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no trunk " + id);
        }
        return t;
    }

    /**
     * The MTS REST API's abonent list: a JSON array with the fields third-party clients quote from MTS's docs
     * ({@code userId}, {@code phoneNumber}, {@code extension}, names, {@code groupId}, {@code serviceProviderId}, ...).
     * A missing or wrong {@code X-AUTH-TOKEN} gets 401 with a body that does not echo it.
     */
    private void restAbonents(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String token = exchange.getRequestHeaders().getFirst("X-AUTH-TOKEN");
        if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                apiToken.getBytes(StandardCharsets.UTF_8))) {
            text(exchange, 401, "application/json", "{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"Invalid token\"}");
            return;
        }
        List<Map<String, Object>> abonents = new ArrayList<>();
        synchronized (lock) {
            int extension = 100;
            for (SimulatedTrunk t : trunks.values()) {
                extension++;
                if (!hiddenFromApi.contains(t.id)) {
                    abonents.add(apiAbonent(t.id, t.phoneNumber, t.userName, extension));
                }
            }
        }
        apiOnly.forEach((id, phone) -> abonents.add(apiAbonent(id, phone, "API only", 9000)));
        text(exchange, 200, "application/json;charset=UTF-8", JSON.writeValueAsString(abonents));
    }

    private static Map<String, Object> apiAbonent(long id, String phone, String name, int extension) {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("callingLineIdPhoneNumber", phone);
        a.put("department", "Отдел продаж");
        a.put("email", "");
        a.put("extension", String.valueOf(extension));
        a.put("firstName", name);
        a.put("groupId", ENTERPRISE_ID + 1);
        a.put("lastname", "");
        a.put("phoneNumber", phone);
        a.put("serviceProviderId", ENTERPRISE_ID);
        a.put("userId", id);
        return a;
    }

    private Optional<String> session(HttpExchange exchange) {
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : cookies) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals("JSESSIONID") && sessions.contains(kv[1])) {
                    return Optional.of(kv[1]);
                }
            }
        }
        return Optional.empty();
    }

    private String nocacheJs() {
        // a minified single-permutation selection script: the strong name sits in a renamed local
        return "function vpbxGwt(){var P='bootstrap',Q='begin',R='gwt.codesvr.vpbxGwt=',S='gwt.codesvr=',T='vpbxGwt',"
                + "U='startup',V='DUMMY',W=0,X=1,Y='iframe',Z='javascript',$='position:absolute; width:0; height:0; border:none',"
                + "bc='" + permutation + "',cc='.cache.js';var l=window,m=document;"
                + "function p(){return bc+cc}}vpbxGwt();\n";
    }

    private String cacheJs() {
        StringBuilder js = new StringBuilder("var $gwt_version = \"2.7.0\";var $strongName = '" + permutation + "';\n");
        int n = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(policies).entrySet()) {
            js.append("function Ux").append(n).append("(){Hxb.call(this,Ixb(),'").append(e.getKey()).append("','")
                    .append(e.getValue()).append("',Jxb)}\n");
            n++;
        }
        for (String signature : List.of(CabinetTypes.ABONENT_BROWSER_REQUEST, CabinetTypes.MIGRATION_STATE_TYPE,
                CabinetTypes.DISPATCHER, CabinetTypes.RECORD_MODEL, CabinetTypes.DEVICE_FORM, CabinetTypes.DEVICE_RECORD,
                CabinetTypes.ABONENT_ROW, CabinetTypes.BLOCKED_CODE)) {
            js.append("Zk(").append(n++).append(",'").append(signature).append("');");
        }
        return js.append('\n').toString();
    }

    private static String loginPage(boolean error, String action) {
        return "<!DOCTYPE html><html><head><title>Виртуальная АТС</title></head><body>"
                + (error ? "<div class=\"error\">Неверный логин или пароль</div>" : "")
                + "<form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"text\" name=\"j_username\"><input type=\"password\" name=\"j_password\">"
                + "<input type=\"hidden\" name=\"_spring_security_remember_me\" value=\"false\">"
                + "<button type=\"submit\">Войти</button></form></body></html>";
    }

    private String hex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static Map<String, String> formData(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        text(exchange, status, "text/html; charset=utf-8", html);
    }

    private static void text(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Reads request objects and resolves back-references to the values read before. */
    private static final class RequestObjects {
        final GwtRpcRequest.Values values;
        private final Map<Integer, Object> objects = new HashMap<>();

        RequestObjects(GwtRpcRequest.Values values) {
            this.values = values;
        }

        void expectNew(String signature) {
            ObjectSlot slot = values.readObjectSlot();
            if (!(slot instanceof ObjectSlot.NewObject created) || !created.typeSignature().equals(signature)) {
                throw new GwtRpcFormatException("expected a new " + signature + ", got " + slot);
            }
            objects.put(created.objectNumber(), signature);
        }

        void expectNull() {
            ObjectSlot slot = values.readObjectSlot();
            if (!(slot instanceof ObjectSlot.Null)) {
                throw new GwtRpcFormatException("expected null, got " + slot);
            }
        }

        Optional<Long> readLong() {
            return typed(GwtRpcWire.LONG, Long.class, values::readLong);
        }

        Optional<Boolean> readBoolean() {
            return typed(GwtRpcWire.BOOLEAN, Boolean.class, values::readBoolean);
        }

        Optional<Integer> readEnum(String signature) {
            return typed(signature, Integer.class, values::readInt);
        }

        void expectEnd() {
            if (!values.atEnd()) {
                throw new GwtRpcFormatException("Too many tokens in RPC request");
            }
        }

        private <T> Optional<T> typed(String signature, Class<T> type, java.util.function.Supplier<T> data) {
            ObjectSlot slot = values.readObjectSlot();
            if (slot instanceof ObjectSlot.Null) {
                return Optional.empty();
            }
            if (slot instanceof ObjectSlot.BackReference ref) {
                Object value = objects.get(ref.objectNumber());
                if (!type.isInstance(value)) {
                    throw new GwtRpcFormatException("back-reference #" + ref.objectNumber() + " is not a " + type.getSimpleName());
                }
                return Optional.of(type.cast(value));
            }
            ObjectSlot.NewObject created = (ObjectSlot.NewObject) slot;
            if (!created.typeSignature().equals(signature)) {
                throw new GwtRpcFormatException("expected " + signature + ", got " + created.typeSignature());
            }
            T value = data.get();
            objects.put(created.objectNumber(), value);
            return Optional.of(value);
        }
    }
}
