package io.telops.vats.gwt;

/**
 * GWT-RPC's base-64 form of a {@code long} (GWT {@code Base64Utils.toBase64(long)} /
 * {@code longFromBase64}): alphabet {@code A-Z a-z 0-9 $ _}, big-endian 6-bit digits of the
 * 64-bit two's complement value with leading zero digits dropped, zero written as {@code A}.
 * MTS entity ids travel this way ({@code CaONxK} = 2587417674).
 */
public final class GwtBase64 {
    private static final char[] DIGITS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$_".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = i;
        }
    }

    private GwtBase64() {
    }

    public static String encode(long value) {
        char[] out = new char[11];
        int n = 0;
        // the top digit holds 4 bits, the ten others 6 bits each
        int top = (int) (value >>> 60);
        if (top != 0) {
            out[n++] = DIGITS[top];
        }
        for (int shift = 54; shift >= 0; shift -= 6) {
            int digit = (int) ((value >>> shift) & 0x3f);
            if (n > 0 || digit != 0) {
                out[n++] = DIGITS[digit];
            }
        }
        return n == 0 ? "A" : new String(out, 0, n);
    }

    public static long decode(CharSequence text) {
        int length = text.length();
        if (length == 0 || length > 11) {
            throw new GwtRpcFormatException("not a GWT base-64 long: '" + text + "'");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? VALUES[c] : -1;
            if (digit < 0 || (length == 11 && i == 0 && digit > 15)) {
                throw new GwtRpcFormatException("not a GWT base-64 long: '" + text + "'");
            }
            value = (value << 6) | digit;
        }
        return value;
    }
}
