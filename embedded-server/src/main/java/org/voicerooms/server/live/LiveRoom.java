package org.voicerooms.server.live;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.rooms.Role;

/**
 * The live state of one room: members, the hand queue, who was kicked, who knocks and who was let
 * in, recent chat. Only reached inside {@link LiveState#update}, which runs a whole rule check
 * plus change atomically, so two moderators acting at once see a consistent room.
 */
public final class LiveRoom {

    /** Knocks waiting for an answer in one room at most. */
    static final int MAX_KNOCKS = 50;

    final String roomId;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Set<String> kicked = new HashSet<>();
    private final Set<String> approved = new HashSet<>();
    private final Map<String, Instant> knocks = new LinkedHashMap<>();
    private final Deque<ChatMessage> chat = new ArrayDeque<>();
    boolean ended;

    LiveRoom(String roomId) {
        this.roomId = roomId;
    }

    Optional<Member> member(String userId) {
        return Optional.ofNullable(members.get(userId));
    }

    Collection<Member> members() {
        return members.values();
    }

    void add(Member member) {
        members.put(member.userId, member);
    }

    Member remove(String userId) {
        return members.remove(userId);
    }

    int size() {
        return members.size();
    }

    int stageCount() {
        return (int) members.values().stream().filter(m -> m.role.onStage()).count();
    }

    /**
     * Who is here for a room card: members whose connection dropped keep their seat for the reconnect grace but
     * are not counted, so a card does not promise people who may never come back.
     */
    RoomPresence.Counts presentCounts() {
        int people = 0;
        int stage = 0;
        for (Member m : members.values()) {
            if (m.disconnectedAt == null) {
                people++;
                stage += m.role.onStage() ? 1 : 0;
            }
        }
        return new RoomPresence.Counts(people, stage);
    }

    /** Raised hands, oldest first. */
    List<Member> handQueue() {
        List<Member> queue = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.handRaised()) {
                queue.add(m);
            }
        }
        queue.sort(Comparator.comparing((Member m) -> m.handRaisedAt).thenComparing(m -> m.userId));
        return queue;
    }

    /** The member with the role HOST, if present. */
    Optional<Member> host() {
        return members.values().stream().filter(m -> m.role == Role.HOST).findFirst();
    }

    /** The moderator present longest, the next host. */
    Optional<Member> longestPresentModerator() {
        return members.values().stream().filter(m -> m.role == Role.MODERATOR)
                .min(Comparator.comparing((Member m) -> m.joinedAt).thenComparing(m -> m.userId));
    }

    boolean isKicked(String userId) {
        return kicked.contains(userId);
    }

    /** Lets a kicked user back in (their ban was lifted). */
    void pardon(String userId) {
        kicked.remove(userId);
    }

    void kick(String userId) {
        kicked.add(userId);
    }

    boolean isApproved(String userId) {
        return approved.contains(userId);
    }

    void approve(String userId) {
        approved.add(userId);
        knocks.remove(userId);
    }

    /**
     * Records a knock; false if already knocking. RATE_LIMITED when {@link #MAX_KNOCKS} people already wait: each
     * knock reaches the whole stage, and a room's knock list is not a place to park thousands of accounts.
     */
    boolean knock(String userId, Instant at) {
        if (!knocks.containsKey(userId) && knocks.size() >= MAX_KNOCKS) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many people are waiting to join; try again later");
        }
        return knocks.putIfAbsent(userId, at) == null;
    }

    boolean knocking(String userId) {
        return knocks.containsKey(userId);
    }

    void deny(String userId) {
        knocks.remove(userId);
    }

    void addChat(ChatMessage message) {
        chat.addLast(message);
        while (chat.size() > LiveRules.CHAT_HISTORY) {
            chat.removeFirst();
        }
    }

    Optional<ChatMessage> chat(String messageId) {
        return chat.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    void removeChat(String messageId) {
        chat.removeIf(m -> m.messageId().equals(messageId));
    }

    /** userId → on stage, for presence counts. */
    Map<String, Boolean> seats() {
        Map<String, Boolean> out = new HashMap<>();
        members.values().forEach(m -> out.put(m.userId, m.role.onStage()));
        return out;
    }
}
