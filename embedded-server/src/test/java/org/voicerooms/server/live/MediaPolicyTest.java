package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.rooms.Room;

/** The media plan rule, and how a room's decisions carry it: in the snapshot, in the state, told on a change. */
class MediaPolicyTest {

    private static final MediaDescriptor SMALL = MediaDescriptor.mesh(MediaDescriptor.SMALL_ROOM);
    private static final MediaDescriptor LARGE = MediaDescriptor.sfu(MediaDescriptor.LARGE_ROOM);
    private static final MediaDescriptor FALLBACK = MediaDescriptor.mesh(MediaDescriptor.SFU_UNAVAILABLE);

    @Test
    void autoIsAMeshUpToTheLimitThenTheSfuForTheRestOfTheRun() {
        MediaPolicy auto = new MediaPolicy(MediaPolicy.Mode.AUTO, 10, true);
        assertThat(auto.plan(null, 1)).isEqualTo(SMALL);
        assertThat(auto.plan(SMALL, 10)).isEqualTo(SMALL);
        assertThat(auto.plan(SMALL, 11)).isEqualTo(LARGE);
        assertThat(auto.plan(LARGE, 3)).as("no move back while the room runs").isEqualTo(LARGE);
    }

    @Test
    void withTheSfuDownSmallRoomsAreAMeshAndLargeOnesAreToldWhy() {
        MediaPolicy down = new MediaPolicy(MediaPolicy.Mode.AUTO, 10, false);
        assertThat(down.plan(LARGE, 20)).isEqualTo(FALLBACK);
        assertThat(down.plan(LARGE, 21)).isEqualTo(MediaDescriptor.sfu(MediaDescriptor.SFU_UNAVAILABLE));
        assertThat(down.plan(SMALL, 5)).isEqualTo(SMALL);
        assertThat(new MediaPolicy(MediaPolicy.Mode.AUTO, 10, true).plan(FALLBACK, 15)).as("back when it answers")
                .isEqualTo(LARGE);
        MediaPolicy sfuDown = new MediaPolicy(MediaPolicy.Mode.SFU, 10, false);
        assertThat(sfuDown.plan(null, 2)).isEqualTo(FALLBACK);
        assertThat(new MediaPolicy(MediaPolicy.Mode.SFU, 10, true).plan(null, 2))
                .isEqualTo(MediaDescriptor.sfu(MediaDescriptor.SFU_MODE));
        assertThat(new MediaPolicy(MediaPolicy.Mode.SFU, 40, false).fallbackMeshMax()).isEqualTo(40);
        assertThat(MediaPolicy.MESH_ONLY.plan(LARGE, 500)).isEqualTo(MediaDescriptor.mesh(MediaDescriptor.MESH_MODE));
    }

    @Test
    void theJoinThatMakesTheRoomLargeMovesItAndTellsTheRoomFirst() {
        Room room = Rooms.room(100, 10);
        RuleContext ctx = new RuleContext(room, Rooms.T0, Rooms.NODE, Duration.ofSeconds(30), 500,
                new MediaPolicy(MediaPolicy.Mode.AUTO, 2, true));
        RoomSnapshot s = RoomSnapshot.empty("r1");
        for (String who : List.of(Rooms.id("host"), Rooms.id("ann"))) {
            s = new Attendance.Join(who, who, false, false, false, false, Rooms.NODE, "v-" + who).decide(s, ctx)
                    .next();
        }
        assertThat(s.media()).as("two people").isEqualTo(SMALL);

        Decision third = new Attendance.Join(Rooms.id("bob"), "Bob", false, false, false, false, Rooms.NODE, "v-b")
                .decide(s, ctx);
        assertThat(third.next().media()).isEqualTo(MediaDescriptor.sfu(MediaDescriptor.LARGE_ROOM));
        assertThat(third.events().get(0)).as("told before the arrival")
                .isEqualTo(new LiveEvent.MediaChanged("r1", MediaDescriptor.sfu(MediaDescriptor.LARGE_ROOM)));
        var state = ((org.voicerooms.model.live.Payloads.JoinResult) third.reply()).state();
        assertThat(state.media().onSfu()).isTrue();
        assertThat(state.peers()).as("no mesh links on the SFU").isEmpty();

        RuleContext down = new RuleContext(room, Rooms.T0, Rooms.NODE, Duration.ofSeconds(30), 500,
                new MediaPolicy(MediaPolicy.Mode.AUTO, 2, false));
        Decision fallback = new Attendance.FollowMedia().decide(third.next(), down);
        assertThat(fallback.next().media()).isEqualTo(FALLBACK);
        assertThat(fallback.events()).containsExactly(new LiveEvent.MediaChanged("r1", FALLBACK));
        assertThat(new Attendance.FollowMedia().decide(fallback.next(), down).next())
                .as("nothing more to say").isSameAs(fallback.next());
    }
}
