package org.voicerooms.server.live;

/**
 * Where a room's audio lives on the SFU: the Janus gateway (its WebSocket API URL), the VideoRoom room number and
 * the room's secret. Kept in the room's snapshot so that every node of a cluster drives the same Janus room; the
 * snapshot stays on the servers (clients get a {@code RoomState}, never a snapshot), so the secret does too.
 */
public record SfuHome(String gateway, long room, String secret) {

    public SfuHome {
        if (gateway == null || gateway.isBlank() || room <= 0 || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an SFU home needs a gateway, a room number and a secret");
        }
    }

    /** Without the secret, for logs. */
    @Override
    public String toString() {
        return "SfuHome[" + gateway + " room " + room + "]";
    }
}
