package io.telops.vats.tls;

/** The configured TLS profile asks for something this JVM does not support or has disabled. */
public class TlsConfigurationException extends IllegalArgumentException {
    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
