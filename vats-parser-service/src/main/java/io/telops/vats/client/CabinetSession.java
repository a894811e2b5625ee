package io.telops.vats.client;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.telops.vats.cabinet.CabinetCall;

/**
 * One login: the cookie jar (JSESSIONID), the enterprise id, and what was discovered in the
 * bootstrap scripts: permutation strong name (sent as {@code X-GWT-Permutation}), each service's
 * serialization-policy strong name, and the type signatures of the current deployment.
 */
public record CabinetSession(CookieManager cookies, HttpClient http, long enterpriseId, String permutation,
                             Map<String, String> policies, Map<String, String> signatures,
                             Optional<String> gwtVersion, Instant loggedInAt, String moduleBaseUrl) {

    public CabinetCall call(String servletPath) {
        String policy = policies.get(servletPath);
        if (policy == null) {
            throw new CabinetException.UnexpectedLayout("no serialization policy discovered for " + servletPath, null);
        }
        return new CabinetCall(moduleBaseUrl, policy, signatures);
    }

    @Override
    public String toString() {
        return "CabinetSession[enterpriseId=" + enterpriseId + ", permutation=" + permutation + ", loggedInAt=" + loggedInAt + "]";
    }
}
