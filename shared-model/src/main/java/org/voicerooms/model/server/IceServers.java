package org.voicerooms.model.server;

import java.util.List;

/**
 * Answer of {@code GET /api/ice-servers}: where clients look for their public address and relay (STUN/TURN).
 * Empty on a LAN server, where host candidates connect everyone.
 *
 * @param iceServers the servers, in the shape of WebRTC's RTCIceServer
 * @param ttlSeconds how long the TURN credentials stay valid; ask again before then
 */
public record IceServers(List<IceServer> iceServers, long ttlSeconds) {

    public IceServers {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }

    /**
     * One STUN or TURN server.
     *
     * @param urls       e.g. {@code stun:stun.example.org:3478}, {@code turn:turn.example.org:3478?transport=udp}
     * @param username   TURN user name; null for STUN
     * @param credential TURN password; null for STUN
     */
    public record IceServer(List<String> urls, String username, String credential) {

        public IceServer {
            urls = urls == null ? List.of() : List.copyOf(urls);
        }
    }
}
