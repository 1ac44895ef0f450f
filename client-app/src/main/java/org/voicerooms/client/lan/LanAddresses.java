package org.voicerooms.client.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses other machines may reach this computer at, best first: the interface of the default route (the one
 * a router reaches), then other private addresses, then public ones. Loopback and link-local addresses only stand
 * in when there is nothing else, since other machines cannot use them.
 */
public final class LanAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(LanAddresses.class);
    private static final Path ROUTES = Path.of("/proc/net/route");

    private LanAddresses() {
    }

    /** One address of one network interface. */
    public record Candidate(String nic, InetAddress address, boolean defaultRoute) {
        /** How the address reads in a list: "192.168.1.20 (eth0, default route)". */
        public String label() {
            return address.getHostAddress() + " (" + nic + (defaultRoute ? ", default route" : "") + ")";
        }
    }

    /** This computer's candidates, best first; never empty (loopback when nothing else is up). */
    public static List<Candidate> find() {
        String defaultNic = null;
        try {
            if (Files.isReadable(ROUTES)) {
                defaultNic = defaultRouteInterface(Files.readAllLines(ROUTES));
            }
        } catch (IOException e) {
            LOG.debug("Routes unreadable: {}", e.getMessage());
        }
        List<Candidate> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        all.add(new Candidate(nic.getName(), a, nic.getName().equals(defaultNic)));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("Network interfaces unreadable: {}", e.getMessage());
        }
        return rank(all);
    }

    /**
     * Orders candidates best first and drops those no other machine can reach (loopback, link-local) unless
     * nothing else is left; an empty input gives loopback.
     */
    static List<Candidate> rank(List<Candidate> all) {
        List<Candidate> reachable = all.stream().filter(c -> !c.address().isLoopbackAddress()
                && !c.address().isLinkLocalAddress() && !c.address().isAnyLocalAddress()).sorted(Comparator
                .comparing((Candidate c) -> !c.defaultRoute())
                .thenComparing(c -> !c.address().isSiteLocalAddress())
                .thenComparing(Candidate::nic)).toList();
        if (!reachable.isEmpty()) {
            return reachable;
        }
        List<Candidate> rest = all.stream().sorted(Comparator.comparing((Candidate c) -> c.address()
                .isLoopbackAddress())).toList();
        return rest.isEmpty() ? List.of(new Candidate("lo", InetAddress.getLoopbackAddress(), false)) : rest;
    }

    /**
     * The interface of the default route in Linux's {@code /proc/net/route} (destination and mask 0, lowest
     * metric), or null.
     */
    static String defaultRouteInterface(List<String> routeTable) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : routeTable) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !"00000000".equals(f[1]) || !"00000000".equals(f[7])) {
                continue;
            }
            try {
                long metric = Long.parseLong(f[6]);
                if (metric < bestMetric) {
                    bestMetric = metric;
                    best = f[0];
                }
            } catch (NumberFormatException e) {
                // a header or a damaged line
            }
        }
        return best;
    }
}
