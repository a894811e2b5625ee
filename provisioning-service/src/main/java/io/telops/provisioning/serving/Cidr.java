package io.telops.provisioning.serving;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation; only literal addresses are accepted (no DNS lookups). */
public record Cidr(byte[] network, int prefix) {
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text)).getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR: " + text);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    public static Optional<InetAddress> literal(String addr) {
        if (addr == null || !LITERAL.matcher(addr).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(addr));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String address) {
        return literal(address).map(a -> contains(a.getAddress())).orElse(false);
    }

    private boolean contains(byte[] addr) {
        if (addr.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (addr[full] & mask) == (network[full] & mask);
    }
}
