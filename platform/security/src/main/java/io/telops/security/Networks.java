package io.telops.security;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/** A set of CIDR ranges (allowed peers, phone subnets); an empty set contains nothing. */
public record Networks(List<Cidr> ranges) {
    public Networks {
        ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or CIDR */
    public static Networks parse(Collection<String> cidrs) {
        return new Networks(cidrs.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(String address) {
        return Cidr.address(address).map(this::contains).orElse(false);
    }

    public boolean contains(InetAddress address) {
        return Cidr.address(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
