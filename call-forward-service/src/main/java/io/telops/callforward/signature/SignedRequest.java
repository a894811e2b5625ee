package io.telops.callforward.signature;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A callback as Plivo sent it: method, the URL exactly as Plivo called it (scheme, host, explicit
 * port, path, query; never a fragment) and the form parameters of a POST body, each name with
 * every value it carried, in arrival order.
 */
public record SignedRequest(String method, URI url, Map<String, List<String>> formParams) {
    public SignedRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        formParams = Map.copyOf(formParams);
    }

    public boolean isGet() {
        return "GET".equalsIgnoreCase(method);
    }
}
