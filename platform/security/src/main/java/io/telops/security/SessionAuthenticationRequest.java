package io.telops.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of a session cookie, to be turned into an identity. */
public final class SessionAuthenticationRequest extends BaseAuthenticationRequest {
    private final String token;

    SessionAuthenticationRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
