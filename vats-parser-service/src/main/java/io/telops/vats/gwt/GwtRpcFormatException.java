package io.telops.vats.gwt;

/** A GWT-RPC payload that does not follow the wire format, or not the layout its reader declared. */
public class GwtRpcFormatException extends RuntimeException {
    public GwtRpcFormatException(String message) {
        super(message);
    }

    public GwtRpcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
