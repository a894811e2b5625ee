package io.telops.security;

import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** Verifies a password against a bcrypt hash in modular crypt form, whichever tool wrote it. */
public final class BcryptHashes {
    // named, not looked up: outside Quarkus no security provider registers Elytron's bcrypt
    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();

    private BcryptHashes() {
    }

    /** A stored hash that is not bcrypt in modular crypt form; the message never contains the hash. */
    public static final class MalformedHashException extends IllegalArgumentException {
        MalformedHashException(String message) {
            super(message);
        }
    }

    /**
     * True when {@code password} hashes to {@code hash}. {@code $2b$} (OpenBSD, Python's bcrypt) and {@code $2y$}
     * (PHP) differ from {@code $2a$} only in how old broken implementations treated 8-bit characters and lengths
     * over 255, which Elytron never had, so they are verified as {@code $2a$}; Elytron's decoder knows only that one.
     *
     * @throws MalformedHashException when the hash cannot be decoded
     */
    public static boolean matches(String hash, char[] password) {
        String normalised = hash.strip();
        if (normalised.startsWith("$2b$") || normalised.startsWith("$2y$")) {
            normalised = "$2a$" + normalised.substring(4);
        }
        if (!normalised.startsWith("$2a$")) {
            throw new MalformedHashException("not a bcrypt hash ($2a$, $2b$ or $2y$ expected)");
        }
        Password stored;
        try {
            stored = ModularCrypt.decode(normalised);
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new MalformedHashException("bcrypt hash cannot be decoded: " + e.getClass().getSimpleName());
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            return factory.verify(factory.translate(stored), password);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Elytron decodes a truncated salt or digest and fails only when it verifies
            throw new MalformedHashException("bcrypt hash cannot be used: " + e.getClass().getSimpleName());
        }
    }
}
