package org.voicerooms.model.live;

/**
 * A room's media plan: how its audio flows, said in {@code room:state} ({@code media}) and, when it changes while
 * the room runs, in {@code room:media}. Clients build their audio from it: a connection per peer (the state's
 * {@code peers}) for {@link MediaDescriptor#MESH}, or the {@code sfu:*} connections for {@link MediaDescriptor#SFU}.
 */
public final class MediaPayloads {

    private MediaPayloads() {
    }

    /**
     * How a room's audio flows now, and why.
     *
     * @param plan   {@code mesh} or {@code sfu}
     * @param reason {@code mesh-mode} (the server carries no audio through an SFU), {@code sfu-mode} (the server
     *               carries every room's audio through its SFU), {@code small-room} / {@code large-room} (the
     *               server's {@code auto} mode: a mesh up to {@code media-sfu-above} participants, the SFU past it),
     *               {@code sfu-unavailable} (the SFU cannot be reached: a mesh if the room is small enough, else
     *               the SFU plan with no audio until it is back)
     */
    public record MediaDescriptor(String plan, String reason) {
        public static final String MESH = "mesh";
        public static final String SFU = "sfu";
        public static final String MESH_MODE = "mesh-mode";
        public static final String SFU_MODE = "sfu-mode";
        public static final String SMALL_ROOM = "small-room";
        public static final String LARGE_ROOM = "large-room";
        public static final String SFU_UNAVAILABLE = "sfu-unavailable";

        public MediaDescriptor {
            if (!MESH.equals(plan) && !SFU.equals(plan)) {
                throw new IllegalArgumentException("plan must be mesh or sfu, was " + plan);
            }
        }

        public static MediaDescriptor mesh(String reason) {
            return new MediaDescriptor(MESH, reason);
        }

        public static MediaDescriptor sfu(String reason) {
            return new MediaDescriptor(SFU, reason);
        }

        /** Whether the audio goes through the SFU. */
        public boolean onSfu() {
            return SFU.equals(plan);
        }
    }

    /** {@code room:media}: the room's plan changed; members move their audio to it without rejoining. */
    public record MediaChanged(String roomId, MediaDescriptor media) {
    }
}
