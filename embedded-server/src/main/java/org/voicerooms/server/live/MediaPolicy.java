package org.voicerooms.server.live;

import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;

/**
 * The rule that gives a room its media plan, from the server's settings and whether the SFU answers now. Pure: the
 * live core asks it on every join and whenever the SFU's health changes, and keeps the answer in the room's
 * snapshot, so every node of a cluster sees the same plan.
 *
 * <p>{@code auto} starts a room as a mesh and moves it to the SFU once it has more than {@code sfuAbove}
 * participants; it does not move back while the room runs (each move costs every listener a short gap, and a room
 * that was large tends to grow again). When the SFU cannot be reached, a room of at most {@link #fallbackMeshMax()}
 * participants is a mesh again, and larger rooms keep the SFU plan with the reason saying why there is no audio.
 *
 * @param sfuUp whether the SFU is not known to be down (the server's probe or a failed request says it is)
 */
public record MediaPolicy(Mode mode, int sfuAbove, boolean sfuUp) {

    /** Setting {@code media-mode}. */
    public enum Mode { MESH, SFU, AUTO }

    /**
     * Default of {@code media-sfu-above}. A mesh costs each speaker one Opus encoder and upload per other member
     * (measured at 1–2.5 % of a core per link): at 10 participants a speaker runs 9 links, 9–23 % of a core and
     * about 0.4 Mbit/s up, which a laptop still carries next to everything else; past that it grows linearly with
     * the room while Janus's added delay is about nothing (74 / 105 ms p50 / p95 mouth-to-ear, as the mesh).
     */
    public static final int DEFAULT_SFU_ABOVE = 10;

    /**
     * The largest room that falls back to a mesh when the SFU cannot be reached: 19 links a speaker, up to about
     * half a core, degraded but better than silence.
     */
    public static final int FALLBACK_MESH_MAX = 20;

    /** A server without an SFU. */
    public static final MediaPolicy MESH_ONLY = new MediaPolicy(Mode.MESH, DEFAULT_SFU_ABOVE, false);

    public MediaPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
    }

    /** Rooms up to this size are a mesh while the SFU is down. */
    public int fallbackMeshMax() {
        return Math.max(sfuAbove, FALLBACK_MESH_MAX);
    }

    /**
     * The plan of a room with {@code size} participants whose plan is {@code current} (null for a new room).
     */
    public MediaDescriptor plan(MediaDescriptor current, int size) {
        return switch (mode) {
            case MESH -> MediaDescriptor.mesh(MediaDescriptor.MESH_MODE);
            case SFU -> sfuOrFallback(MediaDescriptor.SFU_MODE, size);
            case AUTO -> {
                boolean large = size > sfuAbove || (current != null && current.onSfu());
                yield large ? sfuOrFallback(MediaDescriptor.LARGE_ROOM, size)
                        : MediaDescriptor.mesh(MediaDescriptor.SMALL_ROOM);
            }
        };
    }

    private MediaDescriptor sfuOrFallback(String reason, int size) {
        if (sfuUp) {
            return MediaDescriptor.sfu(reason);
        }
        return size <= fallbackMeshMax() ? MediaDescriptor.mesh(MediaDescriptor.SFU_UNAVAILABLE)
                : MediaDescriptor.sfu(MediaDescriptor.SFU_UNAVAILABLE);
    }
}
