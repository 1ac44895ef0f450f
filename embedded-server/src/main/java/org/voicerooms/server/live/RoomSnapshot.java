package org.voicerooms.server.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.rooms.Role;

/**
 * The committed live state of one room: immutable, serializable as JSON (a shared store keeps it as such), no
 * sockets and no timers. Rules ({@link Command}) read one snapshot and decide the next; a {@link LiveStore} commits
 * it with compare-and-set on {@link #version}.
 *
 * @param version  1 for the first commit, +1 per commit; 0 for a room not stored yet
 * @param ended    the room ended: the store forgets it on commit
 * @param members  in join order
 * @param kicked   user ids kicked while the room runs (a lifted ban pardons)
 * @param approved user ids whose knock was answered yes
 * @param knocks   waiting knocks, oldest first
 * @param chat     recent chat, oldest first, at most {@code LiveRules.CHAT_HISTORY}
 * @param speakInvites listeners invited to speak who have not answered yet
 * @param media    how the room's audio flows ({@link MediaPolicy}); null until the first member joined
 * @param sfu      the Janus room carrying the room's audio on the SFU, null until a node needed one
 */
public record RoomSnapshot(String roomId, long version, boolean ended, List<MemberState> members,
                           List<String> kicked, List<String> approved, List<Knock> knocks, List<ChatMessage> chat,
                           List<SpeakInvite> speakInvites, MediaDescriptor media, SfuHome sfu) {

    /** An invitation to speak: {@code userId} was asked by {@code by}. */
    public record SpeakInvite(String userId, String by) {
    }

    public RoomSnapshot(String roomId, long version, boolean ended, List<MemberState> members, List<String> kicked,
                        List<String> approved, List<Knock> knocks, List<ChatMessage> chat) {
        this(roomId, version, ended, members, kicked, approved, knocks, chat, List.of(), null, null);
    }

    public RoomSnapshot(String roomId, long version, boolean ended, List<MemberState> members, List<String> kicked,
                        List<String> approved, List<Knock> knocks, List<ChatMessage> chat,
                        List<SpeakInvite> speakInvites, MediaDescriptor media) {
        this(roomId, version, ended, members, kicked, approved, knocks, chat, speakInvites, media, null);
    }

    /** The next version with {@code home} as the room's SFU home. */
    public RoomSnapshot withSfu(SfuHome home) {
        return new RoomSnapshot(roomId, version + 1, ended, members, kicked, approved, knocks, chat, speakInvites,
                media, home);
    }

    /** Knocks waiting for an answer in one room at most. */
    public static final int MAX_KNOCKS = 50;

    /** Someone asking to be let in. */
    public record Knock(String userId, String displayName, Instant at) {
    }

    public RoomSnapshot {
        members = List.copyOf(members);
        kicked = List.copyOf(kicked);
        approved = List.copyOf(approved);
        knocks = List.copyOf(knocks);
        chat = List.copyOf(chat);
        speakInvites = speakInvites == null ? List.of() : List.copyOf(speakInvites);
    }

    /** A room nobody has touched yet (version 0: not stored). */
    public static RoomSnapshot empty(String roomId) {
        return new RoomSnapshot(roomId, 0, false, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<MemberState> member(String userId) {
        for (MemberState m : members) {
            if (m.userId().equals(userId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return members.size();
    }

    public int stageCount() {
        return (int) members.stream().filter(m -> m.role().onStage()).count();
    }

    /** Raised hands, oldest first (ties by user id). */
    public List<MemberState> handQueue() {
        List<MemberState> queue = new ArrayList<>();
        for (MemberState m : members) {
            if (m.handRaised()) {
                queue.add(m);
            }
        }
        queue.sort(Comparator.comparing(MemberState::handRaisedAt).thenComparing(MemberState::userId));
        return queue;
    }

    /** User ids on the stage (host, moderators, speakers), in join order. */
    public List<String> stageIds() {
        return members.stream().filter(m -> m.role().onStage()).map(MemberState::userId).toList();
    }

    /** User ids of the host and moderators. */
    public List<String> moderatorIds() {
        return members.stream().filter(m -> m.role().canModerate()).map(MemberState::userId).toList();
    }

    /** The moderator present longest: the next host. */
    public Optional<MemberState> longestPresentModerator() {
        return members.stream().filter(m -> m.role() == Role.MODERATOR)
                .min(Comparator.comparing(MemberState::joinedAt).thenComparing(MemberState::userId));
    }

    public boolean isKicked(String userId) {
        return kicked.contains(userId);
    }

    public boolean isApproved(String userId) {
        return approved.contains(userId);
    }

    public boolean knocking(String userId) {
        return knocks.stream().anyMatch(k -> k.userId().equals(userId));
    }

    public Optional<ChatMessage> chatMessage(String messageId) {
        return chat.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    /**
     * Who is here for a room card: members inside the reconnect grace keep their seat but are not counted, so a
     * card does not promise people who may never come back.
     */
    public RoomPresence.Counts presentCounts() {
        int people = 0;
        int stage = 0;
        for (MemberState m : members) {
            if (!m.inGrace()) {
                people++;
                stage += m.role().onStage() ? 1 : 0;
            }
        }
        return new RoomPresence.Counts(people, stage);
    }
}
