package io.telops.vats.cabinet;

import java.util.Arrays;
import java.util.Map;

import io.telops.vats.gwt.GwtRpcRequestWriter;
import io.telops.vats.gwt.GwtRpcWire;

/**
 * What a request needs from the current login: the module base URL, the serialization-policy strong
 * name of the target service, and the type signatures found in the permutation's cache.js (by class
 * name), which win over the compiled-in ones.
 */
public record CabinetCall(String moduleBaseUrl, String policyStrongName, Map<String, String> signatures) {
    public CabinetCall {
        signatures = Map.copyOf(signatures);
    }

    public GwtRpcRequestWriter start(String serviceInterface, String method, String... parameterTypes) {
        String[] types = Arrays.stream(parameterTypes).map(this::signature).toArray(String[]::new);
        return GwtRpcRequestWriter.call(moduleBaseUrl, policyStrongName, serviceInterface, method, types);
    }

    /** The current signature of a type, by its class name; the compiled-in one if none was discovered. */
    public String signature(String declared) {
        return signatures.getOrDefault(GwtRpcWire.className(declared), declared);
    }
}
