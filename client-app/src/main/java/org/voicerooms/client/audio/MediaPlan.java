package org.voicerooms.client.audio;

/** How a room's audio flows: a connection per peer, or through the server's SFU. */
public enum MediaPlan {
    /** {@link MeshAudio}: small rooms, the LAN mode. */
    MESH,
    /** {@link SfuAudio}: one publishing connection on stage and one subscribing connection, through Janus. */
    SFU
}
