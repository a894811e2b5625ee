package io.telops.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a service's login and logout endpoints do: check the password against the directories, open or end a
 * session, and spell the cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} unless switched off for
 * plain-HTTP dev and test). Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class SessionLogin {
    public record LoggedIn(String username, Set<String> roles, String setCookie) {
    }

    private final Directories directories;
    private final Sessions sessions;
    private final SecurityConfig.Sessions config;

    SessionLogin(Directories directories, Sessions sessions, SecurityConfig config) {
        this.directories = directories;
        this.sessions = sessions;
        this.config = config.session();
    }

    /** A new session for a right username and password; empty otherwise. */
    public Optional<LoggedIn> login(String username, char[] password) {
        if (username == null || username.isEmpty() || password == null || password.length == 0) {
            return Optional.empty();
        }
        return directories.authenticate(username, password)
                .map(roles -> new LoggedIn(username, roles, cookie(sessions.open(username), sessions.ttl().toSeconds())));
    }

    /** Ends the session this cookie names, if any; returns the header that removes the cookie. */
    public String logout(String cookieValue) {
        sessions.close(cookieValue);
        return cookie("", 0);
    }

    /** Ends every session of a user and drops what is cached about the user's roles. */
    public void endSessionsOf(String username) {
        sessions.closeAll(username);
        directories.forget(username);
    }

    public String cookieName() {
        return config.cookieName();
    }

    private String cookie(String value, long maxAgeSeconds) {
        return config.cookieName() + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (config.secureCookie() ? "; Secure" : "");
    }
}
