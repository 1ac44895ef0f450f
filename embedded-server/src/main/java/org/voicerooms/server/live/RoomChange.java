package org.voicerooms.server.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;

/**
 * The working copy of one decision: starts from a committed snapshot, collects changes and events, and ends as a
 * {@link Decision} with a new immutable snapshot. Local to one {@link Command#decide} call, so rules stay pure.
 * Holds the steps several rules share: role changes, removal with host handover, ending, the state one member sees.
 */
final class RoomChange {

    private final RoomSnapshot base;
    private final RuleContext ctx;
    private final List<MemberState> members;
    private final List<String> kicked;
    private final List<String> approved;
    private final List<RoomSnapshot.SpeakInvite> speakInvites;
    private final List<RoomSnapshot.Knock> knocks;
    private final List<ChatMessage> chat;
    private final List<LiveEvent> events = new ArrayList<>();
    private boolean ended;
    private boolean changed;
    private MediaDescriptor media;

    RoomChange(RoomSnapshot base, RuleContext ctx) {
        this.base = base;
        this.ctx = ctx;
        this.members = new ArrayList<>(base.members());
        this.kicked = new ArrayList<>(base.kicked());
        this.approved = new ArrayList<>(base.approved());
        this.speakInvites = new ArrayList<>(base.speakInvites());
        this.knocks = new ArrayList<>(base.knocks());
        this.chat = new ArrayList<>(base.chat());
        this.ended = base.ended();
        this.media = base.media();
    }

    /**
     * Gives the room the plan the media policy asks for now; a change of a running room's plan is told to the
     * room ({@code room:media}) before anything else this decision says, so members hear it before a newcomer's
     * arrival.
     */
    void followMedia() {
        if (ended) {
            return;
        }
        MediaDescriptor next = ctx.media().plan(media, members.size());
        if (next.equals(media)) {
            return;
        }
        if (media != null) {
            events.add(0, new LiveEvent.MediaChanged(roomId(), next));
        }
        media = next;
        changed = true;
    }

    MediaDescriptor media() {
        return media;
    }

    String roomId() {
        return base.roomId();
    }

    RuleContext ctx() {
        return ctx;
    }

    boolean ended() {
        return ended;
    }

    Optional<MemberState> member(String userId) {
        for (MemberState m : members) {
            if (m.userId().equals(userId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    List<MemberState> members() {
        return List.copyOf(members);
    }

    int size() {
        return members.size();
    }

    int stageCount() {
        return (int) members.stream().filter(m -> m.role().onStage()).count();
    }

    /** Replaces the member with the same id, or adds a new one at the end (join order). */
    MemberState put(MemberState m) {
        changed = true;
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).userId().equals(m.userId())) {
                members.set(i, m);
                return m;
            }
        }
        members.add(m);
        return m;
    }

    void emit(LiveEvent event) {
        events.add(event);
    }

    // ---- kicks, knocks, chat ----

    void kick(String userId) {
        if (!kicked.contains(userId)) {
            kicked.add(userId);
            changed = true;
        }
    }

    void pardon(String userId) {
        changed |= kicked.remove(userId);
    }

    boolean isKicked(String userId) {
        return kicked.contains(userId);
    }

    boolean isApproved(String userId) {
        return approved.contains(userId);
    }

    boolean knocking(String userId) {
        return knocks.stream().anyMatch(k -> k.userId().equals(userId));
    }

    /** Records a knock; false if already knocking; RATE_LIMITED past {@link RoomSnapshot#MAX_KNOCKS}. */
    boolean knock(String userId, String displayName) {
        if (knocking(userId)) {
            return false;
        }
        if (knocks.size() >= RoomSnapshot.MAX_KNOCKS) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many people are waiting to join; try again later");
        }
        knocks.add(new RoomSnapshot.Knock(userId, displayName, ctx.now()));
        changed = true;
        return true;
    }

    void answerKnock(String userId, boolean yes) {
        changed |= knocks.removeIf(k -> k.userId().equals(userId));
        if (yes && !approved.contains(userId)) {
            approved.add(userId);
            changed = true;
        }
    }

    void addChat(ChatMessage message) {
        chat.add(message);
        while (chat.size() > LiveRules.CHAT_HISTORY) {
            chat.remove(0);
        }
        changed = true;
    }

    Optional<ChatMessage> chatMessage(String messageId) {
        return chat.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    void removeChat(String messageId) {
        changed |= chat.removeIf(m -> m.messageId().equals(messageId));
    }

    // ---- shared steps ----

    /**
     * The member acting: NOT_FOUND if not inside, ROOM_ENDED if it ended. Acting renews the seat of a member
     * without a realtime connection (see {@code member-lease}).
     */
    MemberState actor(String userId) {
        MemberState me = member(userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room"));
        if (ended) {
            throw ApiException.of(ErrorCode.ROOM_ENDED);
        }
        return me.node() == null ? put(me.active(ctx.now())) : me;
    }

    /** A member {@code me} acts on: present, not themselves, not the host, not a fellow moderator's peer. */
    MemberState target(MemberState me, String userId) {
        org.voicerooms.model.Check.id("userId", userId);
        MemberState target = member(userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "that user is not in this room"));
        mayActOn(me, target.role(), userId);
        return target;
    }

    /**
     * What {@code me} may do to a person of each role, as client → server event names: the moderation rules
     * ({@link #mayActOn}, the commands' checks) said once, here, for the participant menu.
     */
    static java.util.Map<String, List<String>> allowedActions(MemberState me, Room room) {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Role target : Role.values()) {
            List<String> events = new ArrayList<>();
            if (me.role().canModerate() && target != Role.HOST
                    && !(me.role() == Role.MODERATOR && target == Role.MODERATOR)) {
                if (target.onStage()) {
                    events.add(Events.DEMOTE.name());
                    events.add(Events.MUTE.name());
                } else {
                    events.add(Events.SPEAK_INVITE.name());
                    if (room.permissions().mayPromoteDirectly()) {
                        events.add(Events.PROMOTE.name());
                    }
                }
                events.add(Events.KICK.name());
                events.add(Events.BAN.name());
                if (me.role() == Role.HOST) {
                    events.add(target == Role.MODERATOR ? Events.REMOVE_MODERATOR.name()
                            : Events.MAKE_MODERATOR.name());
                }
            }
            out.put(target.wire(), List.copyOf(events));
        }
        return out;
    }

    static void mayActOn(MemberState me, Role targetRole, String targetId) {
        if (targetId.equals(me.userId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you cannot do that to yourself");
        }
        if (targetRole == Role.HOST) {
            throw new ApiException(ErrorCode.FORBIDDEN, "nobody can do that to the host");
        }
        if (me.role() == Role.MODERATOR && targetRole == Role.MODERATOR) {
            throw new ApiException(ErrorCode.FORBIDDEN, "moderators cannot act on other moderators");
        }
    }

    /** Stops {@code m}'s speaking clock now (recording the stretch); returns the updated member, not yet put. */
    MemberState silence(MemberState m) {
        long spoke = m.spokeUntil(ctx.now());
        if (spoke > 0) {
            emit(new LiveEvent.SpokeFor(roomId(), m.userId(), spoke));
        }
        return m.speaking() ? m.stopSpeaking(ctx.now()) : m;
    }

    /** The stage and {@code subjectId}: raised hands are theirs to see, and a hidden audience's comings and goings. */
    LiveEvent.Audience stageAnd(String subjectId) {
        Set<String> to = new LinkedHashSet<>();
        for (MemberState m : members) {
            if (m.role().onStage()) {
                to.add(m.userId());
            }
        }
        to.add(subjectId);
        return LiveEvent.Audience.users(List.copyOf(to));
    }

    /** Arrivals and departures: the whole room, unless the room hides its audience and the subject is in it. */
    LiveEvent.Audience announce(MemberState subject) {
        return ctx.room().privacy().hideParticipants() && !subject.role().onStage() ? stageAnd(subject.userId())
                : LiveEvent.Audience.ROOM;
    }

    /** Lowers {@code m}'s hand if raised (telling the stage); returns the updated member, put. */
    MemberState lowerHand(MemberState m) {
        if (!m.handRaised()) {
            return m;
        }
        MemberState down = put(m.withHand(null));
        emit(new LiveEvent.HandLowered(roomId(), stageAnd(m.userId()), m.userId()));
        return down;
    }

    /** Moves {@code m} to {@code role}, lowering their hand; everyone hears of it, {@code m} gets a new state. */
    MemberState changeRole(MemberState m, Role role, String by) {
        Role before = m.role();
        MemberState next = put(m.withRole(role));
        next = lowerHand(next);
        if (!role.onStage()) {
            next = silence(next).withMuted(true);
        } else if (!before.onStage()) {
            next = next.withMuted(true); // new speakers come up muted and unmute themselves when ready
        }
        put(next);
        emit(new LiveEvent.RoleChanged(roomId(), m.userId(), before, role, by, next.muted(), next.speaking(),
                next.displayName()));
        if (role.onStage() && !before.onStage()) {
            emit(new LiveEvent.Promoted(roomId(), m.userId(), role, by));
        }
        // The new state carries the peers to connect to and, on stage, the hand queue and any hidden audience.
        emit(new LiveEvent.StateOf(roomId(), m.userId(), state(next)));
        return next;
    }

    /** Takes {@code m} out (left, disconnected, kicked, banned, lease-expired); hands the room on if they hosted. */
    /** Records that {@code by} invited {@code userId} to speak (replacing an earlier invitation). */
    void inviteToSpeak(String userId, String by) {
        speakInvites.removeIf(i -> i.userId().equals(userId));
        speakInvites.add(new RoomSnapshot.SpeakInvite(userId, by));
        changed = true;
    }

    /** Takes {@code userId}'s invitation to speak away and returns it; empty when there was none. */
    java.util.Optional<RoomSnapshot.SpeakInvite> takeSpeakInvite(String userId) {
        java.util.Optional<RoomSnapshot.SpeakInvite> found = speakInvites.stream()
                .filter(i -> i.userId().equals(userId)).findFirst();
        found.ifPresent(i -> {
            speakInvites.remove(i);
            changed = true;
        });
        return found;
    }

    void remove(MemberState m, String reason) {
        speakInvites.removeIf(i -> i.userId().equals(m.userId()));
        MemberState last = silence(m);
        members.removeIf(x -> x.userId().equals(m.userId()));
        changed = true;
        emit(new LiveEvent.VisitClosed(roomId(), m.userId(), m.visitId(), m.role(), m.joinedAt(), ctx.now(),
                last.speakMillis()));
        emit(new LiveEvent.Left(roomId(), announce(m), m.userId(), reason));
        if (m.role() == Role.HOST && !ended) {
            Optional<MemberState> next = snapshotOf(members).longestPresentModerator();
            if (next.isEmpty()) {
                end("no-host");
                return;
            }
            // A live role only: the room document (owner, moderators) stays as it is, so the creator keeps PATCH,
            // DELETE and ending, and takes the role back on return (see LiveService.Join).
            MemberState host = put(next.get().withRole(Role.HOST));
            emit(new LiveEvent.RoleChanged(roomId(), host.userId(), Role.MODERATOR, Role.HOST, null, host.muted(),
                    host.speaking(), host.displayName()));
            emit(new LiveEvent.StateOf(roomId(), host.userId(), state(host)));
        }
    }

    /** Ends the room: every visit closes, everyone hears why, the store forgets it. */
    void end(String reason) {
        if (ended) {
            return;
        }
        List<String> inside = new ArrayList<>();
        for (MemberState m : List.copyOf(members)) {
            MemberState last = silence(m);
            emit(new LiveEvent.VisitClosed(roomId(), m.userId(), m.visitId(), m.role(), m.joinedAt(), ctx.now(),
                    last.speakMillis()));
            inside.add(m.userId());
        }
        members.clear();
        ended = true;
        changed = true;
        emit(new LiveEvent.Ended(roomId(), reason, inside));
    }

    /** The state {@code you} sees: the stage always, listeners in join order up to the cap, peers, hands. */
    RoomState state(MemberState you) {
        Room room = ctx.room();
        boolean staff = you.role().canModerate();
        boolean hidden = room.privacy().hideParticipants() && !staff;
        List<Participant> participants = new ArrayList<>();
        int audience = 0;
        int visible = 0;
        int cap = ctx.stateParticipantsMax();
        // A state for a room of thousands, sent to each of them on every reconnect, would otherwise cost the
        // square of the room.
        for (MemberState m : members) {
            boolean self = m.userId().equals(you.userId());
            if (!m.role().onStage()) {
                audience++;
            }
            if (!hidden || m.role().onStage() || self) {
                visible++;
                if (m.role().onStage() || self || participants.size() < cap) {
                    participants.add(m.view());
                }
            }
        }
        List<Hand> hands = you.role().onStage() ? snapshotOf(members).handQueue().stream()
                .map(m -> new Hand(m.userId(), m.displayName(), m.handRaisedAt())).toList() : List.of();
        List<PeerLink> peers = new ArrayList<>();
        boolean mesh = media == null || !media.onSfu();
        for (MemberState m : mesh ? members : List.<MemberState>of()) {
            if (!m.userId().equals(you.userId()) && Topology.connected(you.role(), m.role())) {
                peers.add(new PeerLink(m.userId(), Topology.offers(you.userId(), m.userId())));
            }
        }
        Room shown = staff ? room : room.withoutBanList();
        return new RoomState(shown, participants, hands, you.view(), peers, audience, visible, chat,
                allowedActions(you, room), media != null ? media : MediaDescriptor.mesh(MediaDescriptor.MESH_MODE));
    }

    private RoomSnapshot snapshotOf(List<MemberState> list) {
        return new RoomSnapshot(roomId(), base.version(), ended, list, List.of(), List.of(), List.of(), List.of(),
                List.of(), media, base.sfu());
    }

    /** The decision: the same snapshot if nothing changed, else the next version. */
    Decision decision(Object reply) {
        if (!members.isEmpty() && (changed || media != null)) {
            followMedia(); // rooms follow the policy as it is now (the SFU's health may have changed)
        }
        if (!changed && ended == base.ended()) {
            return Decision.say(base, events, reply);
        }
        RoomSnapshot next = new RoomSnapshot(roomId(), base.version() + 1, ended, members, kicked, approved, knocks,
                chat, speakInvites, media, base.sfu());
        return new Decision(next, events, reply);
    }
}
