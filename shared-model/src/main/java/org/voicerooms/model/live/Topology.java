package org.voicerooms.model.live;

import org.voicerooms.model.rooms.Role;

/**
 * The mesh rules, shared by the server (which relays only along allowed edges) and clients (which connect along
 * them). Every speaker connects to every other participant; two listeners never connect, since neither sends.
 */
public final class Topology {

    private Topology() {
    }

    /** Whether two participants keep an audio connection: at least one of them is on stage. */
    public static boolean connected(Role a, Role b) {
        return a.onStage() || b.onStage();
    }

    /**
     * Whether {@code self} makes the offer on its connection to {@code peer}: the lower user id offers, always,
     * including renegotiations after role changes. Deterministic, so both sides agree without talking.
     */
    public static boolean offers(String self, String peer) {
        return self.compareTo(peer) < 0;
    }
}
