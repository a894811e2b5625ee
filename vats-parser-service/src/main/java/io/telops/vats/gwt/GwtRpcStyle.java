package io.telops.vats.gwt;

/**
 * How a server writes response literals. Both decode the same; the reader accepts either.
 * GWT 2.4-2.7 quote longs with {@code '} and escape low characters as {@code \xNN} (what the MTS
 * cabinet sends); GWT 2.8+ quote everything with {@code "} and escape as {@code \\uNNNN}.
 */
public enum GwtRpcStyle {
    GWT_2_7,
    GWT_2_8
}
