package io.telops.callforward.plivo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;

import io.telops.callforward.config.CallForwardConfig;

/** HTTP Basic with the Plivo Auth ID and Auth Token; never logged. */
public class PlivoBasicAuth implements ClientRequestFilter {
    @Override
    public void filter(ClientRequestContext request) {
        CallForwardConfig.Plivo plivo = ConfigProvider.getConfig().unwrap(io.smallrye.config.SmallRyeConfig.class)
                .getConfigMapping(CallForwardConfig.class).plivo();
        String user = plivo.authId().orElseThrow(() -> new PlivoApiException(0, "", "Plivo auth id not configured"));
        String password = plivo.authToken().orElseThrow(() -> new PlivoApiException(0, "", "Plivo auth token not configured"));
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Basic " + token);
    }
}
