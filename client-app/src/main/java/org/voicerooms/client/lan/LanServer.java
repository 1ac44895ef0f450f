package org.voicerooms.client.lan;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Voice Rooms server found on the local network, with the live rooms it announced. The announcement travels as
 * DNS-SD TXT entries ({@link #txt}); a TXT record has to fit one multicast packet, so at most {@link #MAX_ROOMS}
 * rooms are listed, titles cut to {@link #MAX_TITLE} characters, and {@code liveRooms} tells how many there are.
 * A host serving HTTPS announces its certificate's SHA-256 {@code fingerprint} (hex, entry {@value #TLS}); guests
 * pin it (see {@link org.voicerooms.client.core.PinnedCertificate}). Null: a plain-HTTP host (on loopback).
 */
public record LanServer(String name, URI url, String version, int liveRooms, List<LanRoom> rooms,
                        String fingerprint) {

    /** DNS-SD service type of Voice Rooms servers. */
    public static final String SERVICE_TYPE = "_voicerooms._tcp.local.";
    static final int MAX_ROOMS = 5;
    static final int MAX_TITLE = 60;
    /** The TXT entry with the certificate's SHA-256 fingerprint. */
    static final String TLS = "tls";

    public LanServer {
        rooms = List.copyOf(rooms);
    }

    /** One announced live room. */
    public record LanRoom(String id, String title, int participants, int speakers) {
    }

    /** The TXT entries announcing {@code rooms} (most populated first) of a server running {@code version}. */
    static Map<String, String> txt(String version, List<LanRoom> rooms) {
        return txt(version, rooms, rooms.size(), null);
    }

    /**
     * Like {@link #txt(String, List)}, with {@code liveRooms} live rooms in all, named or not, and the certificate's
     * {@code fingerprint} (null: plain HTTP).
     */
    static Map<String, String> txt(String version, List<LanRoom> rooms, int liveRooms, String fingerprint) {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("v", version);
        if (fingerprint != null) {
            txt.put(TLS, fingerprint);
        }
        txt.put("rooms", String.valueOf(Math.max(liveRooms, rooms.size())));
        for (int i = 0; i < Math.min(MAX_ROOMS, rooms.size()); i++) {
            LanRoom r = rooms.get(i);
            String title = r.title().length() > MAX_TITLE ? r.title().substring(0, MAX_TITLE - 1) + "…" : r.title();
            txt.put("r" + i + "id", r.id());
            txt.put("r" + i + "t", title);
            txt.put("r" + i + "n", r.participants() + "/" + r.speakers());
        }
        return txt;
    }

    /** Reads an announcement of a server at {@code url}'s host and port. */
    static LanServer fromTxt(String name, URI url, Map<String, String> txt) {
        return fromTxt(name, url.getHost(), url.getPort(), txt);
    }

    /**
     * Reads an announcement of a server at {@code host:port}: over https when it announced a fingerprint. Entries
     * that do not parse are skipped, never fatal.
     */
    public static LanServer fromTxt(String name, String host, int port, Map<String, String> txt) {
        String fingerprint = txt.get(TLS);
        if (fingerprint != null && !fingerprint.matches("[0-9a-fA-F]{64}")) {
            fingerprint = null; // not a SHA-256: treat as plain, which pins nothing and trusts nothing extra
        }
        URI url = URI.create((fingerprint != null ? "https://" : "http://") + host + ":" + port);
        List<LanRoom> rooms = new ArrayList<>();
        for (int i = 0; i < MAX_ROOMS; i++) {
            String id = txt.get("r" + i + "id");
            if (id == null || id.isBlank()) {
                break;
            }
            int participants = 0;
            int speakers = 0;
            String[] n = txt.getOrDefault("r" + i + "n", "").split("/");
            try {
                participants = Integer.parseInt(n[0]);
                speakers = n.length > 1 ? Integer.parseInt(n[1]) : 0;
            } catch (NumberFormatException e) {
                // counts unknown: show the room anyway
            }
            rooms.add(new LanRoom(id, txt.getOrDefault("r" + i + "t", "Untitled room"), participants, speakers));
        }
        int live;
        try {
            live = Integer.parseInt(txt.getOrDefault("rooms", String.valueOf(rooms.size())));
        } catch (NumberFormatException e) {
            live = rooms.size();
        }
        return new LanServer(name, url, txt.getOrDefault("v", "?"), Math.max(live, rooms.size()), rooms,
                fingerprint == null ? null : fingerprint.toLowerCase(java.util.Locale.ROOT));
    }
}
