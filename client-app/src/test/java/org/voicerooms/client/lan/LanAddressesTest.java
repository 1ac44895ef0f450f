package org.voicerooms.client.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address "Host on this network" offers first. */
class LanAddressesTest {

    private static LanAddresses.Candidate at(String nic, String ip, boolean defaultRoute) throws Exception {
        return new LanAddresses.Candidate(nic, InetAddress.getByName(ip), defaultRoute);
    }

    @Test
    void theDefaultRoutesInterfaceComesFirstThenPrivateThenPublicAndNeverLoopbackWhenThereIsMore() throws Exception {
        var loopback = at("lo", "127.0.0.1", false);
        var docker = at("docker0", "172.17.0.1", false);
        var wifi = at("wlan0", "192.168.1.20", true);
        var publicOne = at("eth1", "203.0.113.7", false);
        var linkLocal = at("eth2", "169.254.3.4", false);
        assertThat(LanAddresses.rank(List.of(loopback, docker, publicOne, linkLocal, wifi)))
                .containsExactly(wifi, docker, publicOne);
    }

    @Test
    void aPublicAddressIsOfferedAndLoopbackOnlyWhenAlone() throws Exception {
        var loopback = at("lo", "127.0.0.1", false);
        var publicOne = at("eth0", "198.51.100.9", true);
        assertThat(LanAddresses.rank(List.of(loopback, publicOne))).containsExactly(publicOne);
        assertThat(LanAddresses.rank(List.of(loopback))).containsExactly(loopback);
        assertThat(LanAddresses.rank(List.of())).singleElement()
                .satisfies(c -> assertThat(c.address().isLoopbackAddress()).isTrue());
    }

    @Test
    void theDefaultRouteIsReadFromTheRouteTable() {
        List<String> table = List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
                "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0");
        assertThat(LanAddresses.defaultRouteInterface(table)).isEqualTo("eth0");
        assertThat(LanAddresses.defaultRouteInterface(List.of(table.get(0), table.get(1)))).isNull();
    }

    @Test
    void onThisComputerTheFirstChoiceIsNotLoopbackWhenAnythingElseIsUp() throws Exception {
        boolean other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(n -> {
                    try {
                        return n.isUp();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                }).flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .anyMatch(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress());
        List<LanAddresses.Candidate> found = LanAddresses.find();
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).address().isLoopbackAddress()).as("loopback first although " + found
                + " has more").isEqualTo(!other);
    }
}
