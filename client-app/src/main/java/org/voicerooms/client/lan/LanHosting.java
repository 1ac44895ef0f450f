package org.voicerooms.client.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * "Host on this network": the room server in this process (guests allowed, data in the app's folder), announced
 * on the LAN over mDNS / DNS-SD (JmDNS) with its name, version and live rooms, refreshed every few seconds.
 * Closing it ends its rooms, telling everyone inside, then withdraws the announcement and stops the server.
 */
public final class LanHosting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanHosting.class);
    /** Why rooms end when hosting stops; clients show it. */
    public static final String STOP_REASON = "host-stopped";

    private final VoiceRoomsServer server;
    /** How often the service is announced again even when nothing changed, so late listeners find it. */
    static final long REANNOUNCE_SECONDS = 15;

    private final JmDNS mdns;
    private final String name;
    private final int port;
    private ServiceInfo service;
    private long announcedAt = System.nanoTime();
    private final URI url;
    private final ScheduledExecutorService refresher;
    private volatile Map<String, String> announced;
    /** SHA-256 of the certificate served; null when serving plain HTTP (on loopback). */
    private final String fingerprint;

    private LanHosting(VoiceRoomsServer server, JmDNS mdns, ServiceInfo service, URI url, String fingerprint) {
        this.server = server;
        this.fingerprint = fingerprint;
        this.mdns = mdns;
        this.service = service;
        this.name = service.getName();
        this.port = service.getPort();
        this.url = url;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-lan-announce");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Starts the server on {@code address} (port 0: any free one) with data in {@code dataDir} and announces it as
     * {@code name} unless {@code announce} is off. Blocks for the start, about a second: call it off the UI thread.
     * On a network address it serves HTTPS with its own certificate ({@link LanCertificate}); on loopback, where
     * nobody else is on the path, plain HTTP.
     */
    public static LanHosting start(String name, InetAddress address, int port, Path dataDir, boolean announce)
            throws IOException {
        return start(name, address, port, dataDir, announce, !address.isLoopbackAddress());
    }

    /** Like {@link #start(String, InetAddress, int, Path, boolean)}, with HTTPS on or off whatever the address. */
    public static LanHosting start(String name, InetAddress address, int port, Path dataDir, boolean announce,
                                   boolean tls) throws IOException {
        ServerConfig.Builder config = ServerConfig.builder().host(address.getHostAddress())
                .port(port).dataDir(dataDir).allowGuests(true).serverName(name);
        LanCertificate certificate = tls ? LanCertificate.loadOrCreate(dataDir) : null;
        if (certificate != null) {
            config.tlsKeystore(certificate.keystore()).tlsKeystorePassword(certificate.password());
        }
        String fingerprint = certificate == null ? null : certificate.fingerprint();
        VoiceRoomsServer server = VoiceRoomsServer.create(config.build()).start();
        try {
            // this app was the only home of its rooms: any still marked live were left by a copy that was killed
            int abandoned = server.endAbandonedRooms(STOP_REASON);
            if (abandoned > 0) {
                LOG.info("Ended {} room(s) left live when hosting last stopped abruptly", abandoned);
            }
            Map<String, String> txt = LanServer.txt(version(), List.of(), 0, fingerprint);
            ServiceInfo service = ServiceInfo.create(LanServer.SERVICE_TYPE, name, server.port(), 0, 0, txt);
            JmDNS mdns = null;
            if (announce) {
                mdns = JmDNS.create(address, "voicerooms-" + ProcessHandle.current().pid());
                mdns.registerService(service);
            }
            URI url = URI.create((tls ? "https://" : "http://") + hostPart(address) + ":" + server.port());
            LOG.info("Hosting '{}' at {}{}{}", name, url, tls ? " (certificate SHA-256 " + fingerprint + ")" : "",
                    announce ? ", announced on the local network" : "");
            LanHosting hosting = new LanHosting(server, mdns, service, url, fingerprint);
            hosting.announced = txt;
            return hosting;
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    static String hostPart(InetAddress address) {
        String a = address.getHostAddress();
        return a.contains(":") ? "[" + a.replaceAll("%.*", "") + "]" : a;
    }

    static String version() {
        String v = LanHosting.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The name announced on the network (the server's name). */
    public String name() {
        return name;
    }

    /** Where the hosted server answers. */
    public URI url() {
        return url;
    }

    /** SHA-256 (hex) of the certificate this host serves, as announced; null when it serves plain HTTP. */
    public String fingerprint() {
        return fingerprint;
    }

    /** This host as a guest finds it on the network. */
    public LanServer asFound() {
        return LanServer.fromTxt(name, url, announcement());
    }

    public VoiceRoomsServer server() {
        return server;
    }

    /**
     * The TXT entries announced now: every device on the network reads them, signed in or not, so they name public
     * rooms only; private and friends-only rooms count in {@code rooms} but their ids and titles stay unsaid.
     */
    public Map<String, String> announcement() {
        List<VoiceRoomsServer.LiveRoom> live = server.liveRooms();
        List<LanServer.LanRoom> named = live.stream().filter(VoiceRoomsServer.LiveRoom::open)
                .map(r -> new LanServer.LanRoom(r.roomId(), r.title(), r.participants(), r.speakers())).toList();
        return LanServer.txt(version(), named, live.size(), fingerprint);
    }

    /**
     * Announces the live rooms. JmDNS (3.5) neither sends a changed TXT record nor, in our tests, answers the queries
     * of listeners that start after the announcement; so the service is registered again when its rooms change
     * and every {@link #REANNOUNCE_SECONDS}, which announces it afresh. Browsers ride out the goodbye in between.
     */
    private synchronized void refresh() {
        if (mdns == null) {
            return;
        }
        try {
            Map<String, String> txt = announcement();
            boolean due = System.nanoTime() - announcedAt > TimeUnit.SECONDS.toNanos(REANNOUNCE_SECONDS);
            if (!txt.equals(announced) || due) {
                mdns.unregisterService(service);
                service = ServiceInfo.create(LanServer.SERVICE_TYPE, name, port, 0, 0, txt);
                mdns.registerService(service);
                announced = txt;
                announcedAt = System.nanoTime();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("LAN announcement not refreshed: {}", e.getMessage());
        }
    }

    /** Ends the hosted rooms (participants are told), withdraws the announcement, stops the server. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            server.endLiveRooms(STOP_REASON);
        } catch (RuntimeException e) {
            LOG.warn("Rooms not ended cleanly: {}", e.getMessage());
        }
        synchronized (this) { // not while a refresh re-registers
            try {
                if (mdns != null) {
                    mdns.unregisterAllServices();
                    mdns.close();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("LAN announcement not withdrawn: {}", e.getMessage());
            }
        }
        server.stop();
        LOG.info("Stopped hosting at {}", url);
    }
}
