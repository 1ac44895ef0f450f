package org.voicerooms.model;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.voicerooms.model.live.Payloads.ChatDelete;
import org.voicerooms.model.live.Payloads.ChatDeleted;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.FriendChanged;
import org.voicerooms.model.live.Payloads.Invited;
import org.voicerooms.model.live.Payloads.JoinAnswered;
import org.voicerooms.model.live.Payloads.JoinRequested;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.Kicked;
import org.voicerooms.model.live.Payloads.MuteChanged;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Muted;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.ReactionSend;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomEnded;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.RoomUpdated;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.MediaPayloads;
import org.voicerooms.model.live.SfuPayloads;
import org.voicerooms.model.live.Payloads.SessionDescription;
import org.voicerooms.model.live.Payloads.SpeakResult;
import org.voicerooms.model.live.Payloads.SpeakAnswer;
import org.voicerooms.model.live.Payloads.SpeakDeclined;
import org.voicerooms.model.live.Payloads.SpeakInvited;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.live.Payloads.SpeakingChanged;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.rooms.RoomVisit;
import org.voicerooms.model.server.HealthResponse;
import org.voicerooms.model.server.NodeInfo;
import org.voicerooms.model.server.IceServers;
import org.voicerooms.model.server.ServerInfo;
import org.voicerooms.model.server.ServerLimits;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendInRoom;
import org.voicerooms.model.users.FriendRequest;
import org.voicerooms.model.users.FriendStatus;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.FriendshipView;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.LoginRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.model.users.UserRef;
import org.voicerooms.model.users.UserView;

/**
 * One realistic instance of every wire record, shared by the model's tests. Every component is set (no nulls) so
 * that a component which fails to serialize shows up as a missing JSON field or as a difference after parsing.
 */
public final class Samples {

    public static final String ROOM_ID = "665f1c2ab3d4e5f60718293a";
    public static final String HOST_ID = "665f1c2ab3d4e5f607182901";
    public static final String SPEAKER_ID = "665f1c2ab3d4e5f607182902";
    public static final String LISTENER_ID = "665f1c2ab3d4e5f607182903";
    public static final String MESSAGE_ID = "665f1c2ab3d4e5f60718aa01";
    /** With milliseconds, to show they survive the trip. */
    public static final Instant T0 = Instant.parse("2030-05-06T18:00:00.123Z");

    private Samples() {
    }

    /** A room that was scheduled, ran for two hours with a recording, and ended. */
    public static Room room() {
        return new Room(ROOM_ID, "Friday jazz", "Standards and requests.\nBring your own instrument.", HOST_ID,
                RoomType.FRIENDS_ONLY, RoomCategory.MUSIC, 200, 12, new RoomPermissions(true, true, false),
                new RoomPrivacy(true, true, false), List.of(SPEAKER_ID), List.of(LISTENER_ID), RoomStatus.ENDED,
                T0.plusSeconds(300), T0.plusSeconds(7500), T0, 87, 140L, 5_400_000L, List.of("jazz", "live"), "en",
                true, "https://recordings.example/665f1c2ab3d4e5f60718293a.ogg", T0.minusSeconds(86_400),
                T0.plusSeconds(7500));
    }

    public static UserView user() {
        return new UserView(HOST_ID, "ada", "Ada Lovelace", false, T0.minusSeconds(3_000_000));
    }

    public static Participant speaker() {
        return new Participant(SPEAKER_ID, "Grace", Role.SPEAKER, false, true, false, T0.plusSeconds(400),
                T0.plusSeconds(310));
    }

    public static Participant listener() {
        return new Participant(LISTENER_ID, "Linus", Role.LISTENER, true, false, true, T0.plusSeconds(600),
                T0.plusSeconds(320));
    }

    /** Every wire record, each once. Page and the Event registry entry are generic and tested on their own. */
    public static Stream<Object> all() {
        return Stream.of(rest(), rooms(), live()).flatMap(s -> s);
    }

    private static Stream<Object> rest() {
        UserView guest = new UserView(LISTENER_ID, "guest-7f3a", "Visitor", true, T0);
        return Stream.of(
                new ApiError(ErrorCode.VALIDATION_FAILED, "title must not be empty", "title"),
                new ErrorBody(ApiError.of(ErrorCode.ROOM_FULL)),
                new HealthResponse("degraded", "ok", 3600L, "unreachable"),
                new IceServers(List.of(new IceServers.IceServer(List.of("stun:stun.example.org:3478"), null, null),
                        new IceServers.IceServer(List.of("turn:turn.example.org:3478?transport=udp"),
                                "1893499200:u1", "OlQgtJUbdCM4wu1X7yeoDrytkeM=")), 43200L),
                new IceServers.IceServer(List.of("turns:turn.example.org:5349"), "1893499200:u1", "secret"),
                new ServerInfo("Voice Rooms", "0.1.0", "standalone", List.of("guests", "friends", "cluster"),
                        new ServerLimits(5000, 50, 5, 100, true), List.of(
                                new NodeInfo("n-1", "https://node1.example.org", 120, "2026-01-01T00:00:00Z", false))),
                new ServerLimits(5000, 50, 5, 100, true),
                new NodeInfo("n-2", "https://node2.example.org", 0, "2026-01-01T00:00:05Z", true),
                new AuthResponse("eyJhbGciOiJIUzI1NiJ9.e30.sig", T0.plusSeconds(43_200), "r-4f1d9c",
                        T0.plusSeconds(2_592_000), user()),
                new FriendRequest("grace"),
                new FriendsView(List.of(user()), List.of(guest), List.of()),
                new FriendshipView(user(), FriendStatus.REQUESTED),
                new FriendInRoom(user(), ROOM_ID, "Friday jazz"),
                new GuestRequest("Visitor"),
                new LoginRequest("ada", "correct horse battery"),
                new RefreshRequest("r-4f1d9c"),
                new RegisterRequest("ada", "correct horse battery", "Ada Lovelace"),
                new UserRef(SPEAKER_ID),
                user());
    }

    private static Stream<Object> rooms() {
        return Stream.of(
                room(),
                speaker(),
                new RoomListing(room(), "Ada Lovelace", 87, 4, 2),
                new RoomPermissions(true, false, true),
                new RoomPrivacy(false, true, true),
                new RoomSettings("Friday jazz", "Standards.", RoomType.PRIVATE, RoomCategory.MUSIC, 200, 12,
                        new RoomPermissions(false, false, true), new RoomPrivacy(true, false, false),
                        List.of("jazz", "c++"), "fr", T0),
                new RoomVisit(ROOM_ID, "Friday jazz", RoomCategory.MUSIC, Role.MODERATOR, T0, T0.plusSeconds(900),
                        120_000L));
    }

    private static Stream<Object> live() {
        String sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
        RoomState state = new RoomState(room(), List.of(speaker(), listener()),
                List.of(new Hand(LISTENER_ID, "Linus", T0.plusSeconds(600))), listener(),
                List.of(new PeerLink(SPEAKER_ID, false)), 1, 2,
                List.of(new ChatMessage(ROOM_ID, MESSAGE_ID, SPEAKER_ID, "Grace", "earlier", T0.plusSeconds(500))),
                java.util.Map.of("listener", List.of("room:speak-invite", "room:kick")),
                MediaPayloads.MediaDescriptor.mesh(MediaPayloads.MediaDescriptor.SMALL_ROOM));
        return Stream.of(
                new RoomRef(ROOM_ID),
                new JoinRoom(ROOM_ID, JoinRoom.SPEAKER),
                new Target(ROOM_ID, LISTENER_ID, "off topic"),
                new Sdp(ROOM_ID, SPEAKER_ID, sdp, new SessionDescription("offer", sdp),
                        new SessionDescription("answer", sdp)),
                new SessionDescription("offer", sdp),
                new MuteToggle(ROOM_ID, true),
                new SpeakAnswer(ROOM_ID, true),
                new Speaking(ROOM_ID, true),
                new IceCandidate(ROOM_ID, SPEAKER_ID,
                        "candidate:842163049 1 udp 1677729535 192.0.2.7 50212 typ srflx", "0", 0),
                new SfuPayloads.SfuSdp(ROOM_ID, sdp),
                new SfuPayloads.SfuAnswer(sdp),
                new SfuPayloads.SfuCandidate(ROOM_ID, true,
                        "candidate:842163049 1 udp 1677729535 192.0.2.7 50212 typ srflx", "0", 0),
                new SfuPayloads.SfuStream("1", SPEAKER_ID),
                MediaPayloads.MediaDescriptor.sfu(MediaPayloads.MediaDescriptor.LARGE_ROOM),
                new MediaPayloads.MediaChanged(ROOM_ID,
                        MediaPayloads.MediaDescriptor.mesh(MediaPayloads.MediaDescriptor.SFU_UNAVAILABLE)),
                new SfuPayloads.SfuSubscription(ROOM_ID, sdp, List.of(new SfuPayloads.SfuStream("0", HOST_ID),
                        new SfuPayloads.SfuStream("1", SPEAKER_ID))),
                new ChatSend(ROOM_ID, "hello 👋"),
                new ChatDelete(ROOM_ID, MESSAGE_ID),
                new ReactionSend(ROOM_ID, "👏"),
                new PeerLink(HOST_ID, true),
                new Hand(LISTENER_ID, "Linus", T0.plusSeconds(600)),
                state,
                new JoinResult(JoinResult.JOINED, state),
                new SpeakResult("hand-raised"),
                new ParticipantJoined(ROOM_ID, listener()),
                new ParticipantLeft(ROOM_ID, LISTENER_ID, "disconnected"),
                new RoleChanged(ROOM_ID, SPEAKER_ID, Role.MODERATOR, HOST_ID, "Sam Speaker", false),
                new HandRaised(ROOM_ID, LISTENER_ID, T0.plusSeconds(600)),
                new HandLowered(ROOM_ID, LISTENER_ID),
                new SpeakingChanged(ROOM_ID, SPEAKER_ID, true),
                new MuteChanged(ROOM_ID, SPEAKER_ID, true, HOST_ID),
                new Muted(ROOM_ID, HOST_ID, "muted"),
                new Promoted(ROOM_ID, Role.SPEAKER, HOST_ID),
                new SpeakInvited(ROOM_ID, HOST_ID, "Ada Lovelace"),
                new SpeakDeclined(ROOM_ID, LISTENER_ID),
                new Kicked(ROOM_ID, HOST_ID, true, "banned"),
                new RoomEnded(ROOM_ID, "host-ended"),
                new RoomUpdated(room()),
                new ChatMessage(ROOM_ID, MESSAGE_ID, SPEAKER_ID, "Grace", "hello 👋", T0.plusSeconds(700)),
                new ChatDeleted(ROOM_ID, MESSAGE_ID, HOST_ID),
                new Reaction(ROOM_ID, LISTENER_ID, "👏", T0.plusSeconds(710)),
                new JoinRequested(ROOM_ID, LISTENER_ID, "Linus", T0.plusSeconds(20)),
                new JoinAnswered(ROOM_ID, true),
                new Invited(ROOM_ID, "Friday jazz", HOST_ID, "Ada Lovelace"),
                new FriendChanged(user(), FriendStatus.REQUESTED, true));
    }
}
