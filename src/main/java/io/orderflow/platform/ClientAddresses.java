package io.orderflow.platform;

import io.vertx.core.net.SocketAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The subject a per-address rate limit counts a client under. An IPv4 address is one subject;
 * an IPv6 client usually holds a whole /64 (SLAAC, privacy addresses), so counting each of its
 * 2^64 addresses apart would let one client rotate past any per-IP limit: IPv6 counts by /64.
 */
public final class ClientAddresses {

    /** A client whose address is not known shares one subject with every other such client. */
    static final String UNKNOWN = "unknown";

    /** Hex digits, colons and dots, an optional zone: an IPv6 literal that parsing cannot turn into a DNS lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%.*)?");

    private ClientAddresses() {
    }

    /**
     * {@code 203.0.113.7} stays as it is; {@code 2001:db8:1:2:aa:bb:cc:dd} (or any way of writing an
     * address in that /64) becomes {@code 2001:db8:1:2::/64}; an IPv4-mapped {@code ::ffff:203.0.113.7}
     * is the IPv4 address. Anything that is not an IP literal is returned unchanged.
     */
    public static String limitKey(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN;
        }
        String trimmed = unbracket(address.strip());
        InetAddress parsed = ipv6Literal(trimmed);
        if (parsed == null) {
            return trimmed;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress(); // the JDK turns ::ffff:a.b.c.d into its IPv4 address
        }
        return prefix64(parsed.getAddress());
    }

    /**
     * The client address of a request: Vert.x's parsed one, or else a bracketed IPv6 literal a proxy
     * forwarded ({@code X-Forwarded-For: [2001:db8::1]}, {@code Forwarded: for="[2001:db8::1]"}), which
     * Vert.x keeps only as a host name. Null when neither names an IP address.
     */
    public static String of(SocketAddress remote) {
        if (remote == null) {
            return null;
        }
        if (remote.hostAddress() != null) {
            return remote.hostAddress();
        }
        String host = remote.host();
        InetAddress parsed = host != null && host.startsWith("[") ? ipv6Literal(unbracket(host)) : null;
        return parsed == null ? null : parsed.getHostAddress();
    }

    private static String unbracket(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    /** The address an IPv6 literal names, or null for anything else (parsed only when it cannot be a host name to look up). */
    private static InetAddress ipv6Literal(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address.replaceFirst("%.*$", ""));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The first four 16-bit groups in lower-case hex without leading zeros: every spelling of a prefix gives one key. */
    private static String prefix64(byte[] address) {
        StringBuilder prefix = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            int value = ((address[group * 2] & 0xff) << 8) | (address[group * 2 + 1] & 0xff);
            prefix.append(Integer.toHexString(value)).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
