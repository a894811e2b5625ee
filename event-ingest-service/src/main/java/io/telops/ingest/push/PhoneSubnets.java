package io.telops.ingest.push;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A set of IPv4/IPv6 CIDR blocks (phone subnets), matched against literal addresses only. */
public final class PhoneSubnets {
    private final List<Block> blocks;

    private PhoneSubnets(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException for an entry that is not an address or CIDR */
    public static PhoneSubnets parse(List<String> cidrs) {
        return new PhoneSubnets(cidrs.stream().map(Block::parse).toList());
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(String ip) {
        // only literal addresses are compared: never a DNS lookup for a caller-controlled string
        if (ip == null || !ip.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    private record Block(byte[] network, int prefix) {
        static Block parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("prefix out of range: " + cidr);
                }
                return new Block(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR: " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
