package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a GWT-RPC request body like GWT's {@code ServerSerializationStreamReader} and
 * {@code RPC.decodeRequest}: version, flags, string table (escapes {@code \\}, {@code \!},
 * {@code \0}, {@code \\uXXXX}), then the call header. Only flags 0 (no RPC token, type names not
 * elided) are supported, which is what the MTS cabinet sends.
 */
public final class GwtRpcRequestReader {
    private GwtRpcRequestReader() {
    }

    public static GwtRpcRequest read(String body) {
        // escaped strings never contain a raw '|', so splitting first is safe
        String[] tokens = body.split("\\|", -1);
        int end = tokens.length;
        if (end > 0 && tokens[end - 1].isEmpty()) {
            end--;
        }
        String[] kept = java.util.Arrays.copyOf(tokens, end);
        if (kept.length < 3) {
            throw new GwtRpcFormatException("Too few tokens in RPC request");
        }
        int version = parseInt(kept[0], "version");
        if (version < GwtRpcWire.MIN_VERSION || version > GwtRpcWire.MAX_VERSION) {
            throw new GwtRpcFormatException("unsupported GWT-RPC version " + version);
        }
        int flags = parseInt(kept[1], "flags");
        if (flags != 0) {
            throw new GwtRpcFormatException("unsupported GWT-RPC flags " + flags);
        }
        int count = parseInt(kept[2], "string count");
        if (count < 0 || 3 + count > kept.length) {
            throw new GwtRpcFormatException("string table of " + count + " does not fit the request");
        }
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(unescape(kept[3 + i]));
        }
        GwtRpcRequest.Values values = new GwtRpcRequest.Values(kept, 3 + count, strings);
        String moduleBase = require(values.readStringOrNull(), "module base URL");
        String strongName = require(values.readStringOrNull(), "policy strong name");
        String serviceInterface = require(values.readStringOrNull(), "service interface");
        String method = require(values.readStringOrNull(), "method");
        int parameters = values.readInt();
        List<String> types = new ArrayList<>(parameters);
        for (int i = 0; i < parameters; i++) {
            types.add(require(values.readStringOrNull(), "parameter type"));
        }
        return new GwtRpcRequest(version, flags, List.copyOf(strings), moduleBase, strongName, serviceInterface,
                method, List.copyOf(types), values);
    }

    private static String require(String value, String what) {
        if (value == null) {
            throw new GwtRpcFormatException("request has no " + what);
        }
        return value;
    }

    private static int parseInt(String token, String what) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new GwtRpcFormatException("bad " + what + ": '" + token + "'");
        }
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new GwtRpcFormatException("Unmatched backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case '0' -> out.append('\0');
                case '!' -> out.append('|');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 5 > s.length()) {
                        throw new GwtRpcFormatException("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException bad) {
                        throw new GwtRpcFormatException("bad \\u escape in '" + s + "'");
                    }
                    i += 4;
                }
                default -> throw new GwtRpcFormatException("Unexpected escape character " + e);
            }
        }
        return out.toString();
    }
}
