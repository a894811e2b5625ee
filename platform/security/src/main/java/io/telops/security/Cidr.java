package io.telops.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, or a bare address). Only literal
 * addresses are parsed, never a DNS name, since the text often comes from a caller. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}, what a dual-stack socket reports for an IPv4 peer) matches IPv4 ranges.
 */
public record Cidr(byte[] network, int prefix) {
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range: /" + prefix);
        }
    }

    /** @throws IllegalArgumentException naming the text, for anything but an address or address/prefix */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = address(addr).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
        // a range written as IPv4-mapped IPv6 counts its prefix over 128 bits; its IPv4 part over 32
        int written = addr.contains(":") ? 128 : 32;
        int prefix;
        try {
            prefix = slash < 0 ? written : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR: " + text);
        }
        if (prefix < 0 || prefix > written || written - prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new Cidr(bytes, prefix - (written - bytes.length * 8));
    }

    /** The bytes of a literal address, IPv4-mapped IPv6 unwrapped to its 4 IPv4 bytes; empty for anything else. */
    public static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (!LITERAL.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(unmapped(InetAddress.getByName(t).getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static Optional<byte[]> address(InetAddress address) {
        return Optional.ofNullable(address).map(a -> unmapped(a.getAddress()));
    }

    public boolean contains(String address) {
        return address(address).map(this::contains).orElse(false);
    }

    public boolean contains(InetAddress address) {
        return address(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        byte[] a = unmapped(address);
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ::ffff:a.b.c.d is the IPv4 address a.b.c.d seen through a dual-stack socket. */
    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }
}
