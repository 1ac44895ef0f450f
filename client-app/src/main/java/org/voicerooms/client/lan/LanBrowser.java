package org.voicerooms.client.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Voice Rooms servers on the local network (mDNS / DNS-SD through JmDNS) and keeps their announced live
 * rooms current. Listeners are called on JmDNS's threads with the whole list, sorted by name.
 */
public final class LanBrowser implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanBrowser.class);

    private final JmDNS mdns;
    private final Map<String, LanServer> servers = new ConcurrentHashMap<>();
    private final List<Consumer<List<LanServer>>> listeners = new CopyOnWriteArrayList<>();
    static final long REMOVE_GRACE_SECONDS = 8;
    private final Map<String, Long> removedAt = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService expiry =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "voicerooms-lan-expiry");
                t.setDaemon(true);
                return t;
            });

    /** Starts listening on the interface of {@code address}. */
    public LanBrowser(InetAddress address) throws IOException {
        mdns = JmDNS.create(address, "voicerooms-browser-" + ProcessHandle.current().pid());
        mdns.addServiceListener(LanServer.SERVICE_TYPE, new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                mdns.requestServiceInfo(event.getType(), event.getName(), 1000);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                // hosts re-register to announce changes: a server is gone only if it does not come back soon
                String name = event.getName();
                long at = System.nanoTime();
                removedAt.put(name, at);
                expiry.schedule(() -> {
                    if (removedAt.remove(name, at) && servers.remove(name) != null) {
                        LOG.info("LAN server gone: {}", name);
                        changed();
                    }
                }, REMOVE_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                resolved(event.getName(), event.getInfo());
            }
        });
    }

    private void resolved(String name, ServiceInfo info) {
        if (info == null || info.getInetAddresses().length == 0) {
            return;
        }
        removedAt.remove(name);
        Map<String, String> txt = new HashMap<>();
        for (Enumeration<String> keys = info.getPropertyNames(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            txt.put(k, info.getPropertyString(k));
        }
        LanServer server = LanServer.fromTxt(name, LanHosting.hostPart(info.getInetAddresses()[0]), info.getPort(),
                txt);
        URI url = server.url();
        if (!server.equals(servers.put(name, server))) {
            LOG.info("LAN server {} at {}: {} live rooms", name, url, server.liveRooms());
            changed();
        }
    }

    /** Calls {@code listener} with the servers now, and again whenever they or their rooms change. */
    public void addListener(Consumer<List<LanServer>> listener) {
        listeners.add(listener);
        listener.accept(servers());
    }

    public List<LanServer> servers() {
        List<LanServer> out = new ArrayList<>(servers.values());
        out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return Collections.unmodifiableList(out);
    }

    private void changed() {
        List<LanServer> now = servers();
        listeners.forEach(l -> l.accept(now));
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        try {
            mdns.close();
        } catch (IOException e) {
            LOG.debug("mDNS close: {}", e.getMessage());
        }
    }
}
