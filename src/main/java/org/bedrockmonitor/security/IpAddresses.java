package org.bedrockmonitor.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.config.UserError;

/**
 * IP literals and CIDR blocks, IPv4 and IPv6, without any name lookup. CloudTrail's
 * {@code sourceIPAddress} is not always an address: a service calling on a principal's behalf appears as
 * {@code bedrock.amazonaws.com}, internal calls as {@code AWS Internal}; those parse to null.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** One CIDR block; an address of the other family is never inside. */
    public record Cidr(String text, byte[] network, int prefixBits) {

        public boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixBits % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - restBits) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    /** What kind of network an address belongs to; only {@code PUBLIC} addresses have a country. */
    public enum Network {
        PRIVATE, LOOPBACK, LINK_LOCAL, PUBLIC
    }

    /** RFC 1918, shared address space (RFC 6598), "this network", and IPv6 unique local addresses. */
    private static final List<Cidr> PRIVATE = List.of(parseCidr("10.0.0.0/8"), parseCidr("172.16.0.0/12"),
            parseCidr("192.168.0.0/16"), parseCidr("100.64.0.0/10"), parseCidr("0.0.0.0/8"), parseCidr("fc00::/7"),
            parseCidr("::/128"));
    private static final List<Cidr> LOOPBACK = List.of(parseCidr("127.0.0.0/8"), parseCidr("::1/128"));
    private static final List<Cidr> LINK_LOCAL = List.of(parseCidr("169.254.0.0/16"), parseCidr("fe80::/10"));

    public static Network network(byte[] address) {
        if (LOOPBACK.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Network.LOOPBACK;
        }
        if (LINK_LOCAL.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Network.LINK_LOCAL;
        }
        if (PRIVATE.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Network.PRIVATE;
        }
        return Network.PUBLIC;
    }

    /** The address bytes (4 or 16), or null when {@code text} is not an IP literal. */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.indexOf(':') >= 0) {
            return parseV6(candidate);
        }
        return parseV4(candidate);
    }

    /** Dotted decimal; leading zeros are decimal, as in anonymised logs ({@code 035.249.253.232}). */
    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    private static byte[] parseV6(String text) {
        int zone = text.indexOf('%');
        String literal = zone >= 0 ? text.substring(0, zone) : text;
        if (literal.isEmpty() || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            // A string with ':' and only hex digits is taken as a literal by InetAddress: no DNS query.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    public static Cidr parseCidr(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        byte[] network = parse(slash >= 0 ? trimmed.substring(0, slash) : trimmed);
        if (network == null) {
            throw new UserError("'" + trimmed + "' is not a CIDR block (expected e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
        int maxBits = network.length * 8;
        int prefixBits = maxBits;
        if (slash >= 0) {
            try {
                prefixBits = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException notANumber) {
                prefixBits = -1;
            }
        }
        if (prefixBits < 0 || prefixBits > maxBits) {
            throw new UserError("'" + trimmed + "' is not a CIDR block: the prefix must be 0 to " + maxBits);
        }
        return new Cidr(trimmed, network, prefixBits);
    }

    /** Comma-separated CIDR blocks; blank means none. */
    public static List<Cidr> parseCidrs(String csv) {
        List<Cidr> blocks = new ArrayList<>();
        if (csv == null) {
            return blocks;
        }
        for (String item : csv.split(",")) {
            if (!item.isBlank()) {
                blocks.add(parseCidr(item));
            }
        }
        return blocks;
    }
}
