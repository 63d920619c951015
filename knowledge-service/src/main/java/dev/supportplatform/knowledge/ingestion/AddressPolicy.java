package dev.supportplatform.knowledge.ingestion;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which addresses URL ingestion may connect to: public unicast only (loopback when configured). */
public final class AddressPolicy {

    private final boolean allowLoopback;

    public AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public boolean allowed(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7 (includes AWS's fd00:ec2::254 metadata address)
            }
            if (isMappedV4(b)) {
                return allowedV4(new byte[]{b[12], b[13], b[14], b[15]});
            }
            return true;
        }
        return address instanceof Inet4Address && allowedV4(b);
    }

    private boolean allowedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 127) {
            return allowLoopback;
        }
        return !(a0 == 0 || a0 == 10 || a0 >= 224                // this network, private, multicast and reserved
                || a0 == 100 && a1 >= 64 && a1 <= 127             // carrier-grade NAT
                || a0 == 169 && a1 == 254                          // link-local, cloud metadata
                || a0 == 172 && a1 >= 16 && a1 <= 31
                || a0 == 192 && a1 == 168
                || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0      // IETF protocol assignments
                || a0 == 198 && (a1 == 18 || a1 == 19));           // benchmarking
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
