package io.orderflow.platform;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Per-address limits count an IPv4 address alone and an IPv6 client by its /64. */
class ClientAddressesTest {

    @Test
    void ipv4StaysAsItIs() {
        assertEquals("203.0.113.7", ClientAddresses.limitKey("203.0.113.7"));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        String one = ClientAddresses.limitKey("2001:db8:1:2:aa:bb:cc:dd");
        assertEquals("2001:db8:1:2::/64", one);
        assertEquals(one, ClientAddresses.limitKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff"));
        assertEquals(one, ClientAddresses.limitKey("2001:db8:1:2::1"));
        assertEquals(one, ClientAddresses.limitKey("[2001:db8:1:2::99]"));
        assertEquals(one, ClientAddresses.limitKey("2001:db8:1:2::1%eth0"));
    }

    @Test
    void ipv6AddressesOfDifferentSlash64sDoNotShareAKey() {
        assertNotEquals(ClientAddresses.limitKey("2001:db8:1:2::1"), ClientAddresses.limitKey("2001:db8:1:3::1"));
    }

    @Test
    void compressedFormsAreNormalised() {
        assertEquals("0:0:0:0::/64", ClientAddresses.limitKey("::1"));
        assertEquals("2001:db8:0:0::/64", ClientAddresses.limitKey("2001:db8::7"));
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        assertEquals("203.0.113.7", ClientAddresses.limitKey("::ffff:203.0.113.7"));
        assertEquals("203.0.113.7", ClientAddresses.limitKey("::ffff:cb00:7107"));
    }

    @Test
    void aBracketedIpv6HostAProxyForwardedIsTheClientAddress() {
        assertEquals("2001:db8:0:0:0:0:0:5", ClientAddresses.of(SocketAddress.inetSocketAddress(0, "[2001:db8::5]")));
        assertEquals("10.1.2.3", ClientAddresses.of(SocketAddress.inetSocketAddress(0, "10.1.2.3")));
        assertNull(ClientAddresses.of(SocketAddress.inetSocketAddress(0, "[not-an-address]")));
        assertNull(ClientAddresses.of(null));
    }

    @Test
    void aMissingAddressIsOneSubjectAndGarbageIsLeftAlone() {
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.limitKey(null));
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.limitKey(" "));
        assertEquals("not-an-address", ClientAddresses.limitKey("not-an-address"));
        assertEquals("zz::1", ClientAddresses.limitKey("zz::1"));
    }
}
