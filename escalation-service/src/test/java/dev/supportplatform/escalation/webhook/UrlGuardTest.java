package dev.supportplatform.escalation.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlGuardTest {

    private static String why(String ip, boolean allowLoopback) throws UnknownHostException {
        return UrlGuard.blockedBecause(InetAddress.getByName(ip), allowLoopback);
    }

    @Test
    void loopbackIsRefusedUnlessConfigured() throws Exception {
        assertThat(why("127.0.0.1", false)).contains("loopback");
        assertThat(why("::1", false)).contains("loopback");
        assertThat(why("127.0.0.1", true)).isNull();
        assertThatThrownBy(() -> new UrlGuard(false).check("http://localhost:8080/hook")).hasMessageContaining("loopback");
    }

    @Test
    void privateLinkLocalMetadataAndReservedAddressesAreRefused() throws Exception {
        for (String ip : new String[]{"10.1.2.3", "172.31.255.1", "192.168.0.1", "169.254.169.254", "100.100.1.1", "0.0.0.0",
                "255.255.255.255", "224.0.0.1", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe", "::a00:1"}) {
            assertThat(why(ip, true)).as(ip).isNotNull();
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String ip : new String[]{"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"}) {
            assertThat(why(ip, false)).as(ip).isNull();
        }
    }

    @Test
    void theResolverUsedForConnectingRefusesABlockedAnswer() {
        assertThatThrownBy(() -> new UrlGuard(true).resolve("10.0.0.1")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("private");
        assertThatThrownBy(() -> new UrlGuard(true).resolve("metadata.google.internal")).hasMessageContaining("metadata");
    }
}
