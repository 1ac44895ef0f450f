package org.voicerooms.server.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.SfuPayloads.SfuAnswer;
import org.voicerooms.model.live.SfuPayloads.SfuCandidate;
import org.voicerooms.model.live.SfuPayloads.SfuSdp;
import org.voicerooms.model.live.SfuPayloads.SfuSubscription;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.media.janus.JanusException;
import org.voicerooms.server.media.janus.SfuRooms;

/**
 * The {@code sfu:*} events and the room changes that reach the SFU: who may publish (stage members only, because
 * only the server asks Janus to publish and it asks for them alone), who may receive (members), and the mutes,
 * demotions, removals and room ends the SFU must carry out. Janus errors become typed errors; the caller's
 * membership and role come from the live service ({@link Members}).
 */
public final class SfuSignaling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuSignaling.class);
    /** An audio-only SDP is a few kB; this bounds what is forwarded to Janus. */
    static final int MAX_SDP_CHARS = 16_384;

    /** The caller as a member of a live room, if they are in it. */
    @FunctionalInterface
    public interface Members {
        Optional<Participant> member(Caller caller, String roomId);
    }

    private final SfuRooms rooms;
    private final Members members;
    private final int maxPublishers;
    private volatile Outbox outbox = Outbox.NONE;
    private final List<AutoCloseable> closeFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Runnable unavailable = () -> { };

    public SfuSignaling(SfuRooms rooms, Members members, int maxPublishers) {
        this.rooms = rooms;
        this.members = members;
        this.maxPublishers = maxPublishers;
    }

    /** An SFU on {@code urls} with API secret {@code secret} (null for none). */
    public static SfuSignaling connect(List<String> urls, String secret, ObjectMapper mapper, Members members,
                                       int maxPublishers) {
        return connect(urls, secret, mapper, members, maxPublishers, null);
    }

    /**
     * As {@link #connect(List, String, ObjectMapper, Members, int)}, with rooms' Janus rooms recorded in
     * {@code registry} (the live state, shared by a cluster's nodes; null: this process only).
     */
    public static SfuSignaling connect(List<String> urls, String secret, ObjectMapper mapper, Members members,
                                       int maxPublishers, SfuRooms.Registry registry) {
        SfuSignaling[] self = new SfuSignaling[1];
        SfuRooms rooms = new SfuRooms(urls.stream().map(URI::create).toList(), secret, mapper,
                (userId, offer) -> self[0].outbox.toUser(userId, Events.SFU_OFFER, offer), registry);
        self[0] = new SfuSignaling(rooms, members, maxPublishers);
        return self[0];
    }

    /** Where renegotiated subscriptions ({@code sfu:offer}) go: the realtime transport's outbox. */
    public void outbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public SfuRooms rooms() {
        return rooms;
    }

    /** Runs (without waiting) whenever a request finds Janus unreachable: the SFU's health hears of it. */
    public void onUnavailable(Runnable listener) {
        this.unavailable = listener;
    }

    /** {@code sfu:publish}: stage members only. */
    public SfuAnswer publish(Caller caller, SfuSdp p) {
        sdp(p.sdp());
        Participant me = member(caller, p.roomId());
        if (!me.role().onStage()) {
            LOG.info("{} tried to publish in room {} from the audience; refused", caller.userId(), p.roomId());
            throw new ApiException(ErrorCode.FORBIDDEN, "only the stage can speak");
        }
        String answer = janus(() -> rooms.publish(p.roomId(), caller.userId(), p.sdp(), maxPublishers));
        if (me.muted()) {
            // the room has them muted (a new speaker, a moderator's mute): not forwarded until they unmute
            quietly(() -> rooms.mute(p.roomId(), caller.userId(), true));
        }
        return new SfuAnswer(answer);
    }

    /** {@code sfu:unpublish}. */
    public void unpublish(Caller caller, String roomId) {
        Check.id("roomId", roomId);
        janus(() -> {
            rooms.unpublish(roomId, caller.userId());
            return null;
        });
    }

    /** {@code sfu:subscribe}: members only. */
    public SfuSubscription subscribe(Caller caller, String roomId) {
        member(caller, roomId);
        return janus(() -> rooms.subscribe(roomId, caller.userId(), maxPublishers));
    }

    /** {@code sfu:answer}. */
    public void answer(Caller caller, SfuSdp p) {
        sdp(p.sdp());
        member(caller, p.roomId());
        janus(() -> {
            rooms.answer(p.roomId(), caller.userId(), p.sdp());
            return null;
        });
    }

    /** {@code sfu:candidate}. */
    public void candidate(Caller caller, SfuCandidate c) {
        Check.id("roomId", c.roomId());
        if (c.candidate() != null && c.candidate().length() > 1024) {
            throw ApiException.invalid("candidate", "candidate is too long");
        }
        janus(() -> {
            rooms.candidate(c.roomId(), caller.userId(), c.publishing(), c.candidate(), c.sdpMid(),
                    c.sdpMLineIndex());
            return null;
        });
    }

    // ---- room changes the SFU carries out ({@link SfuPlan} calls them from the live bus) ----

    /** The room has {@code userId} muted: Janus stops forwarding their audio until they unmute themselves. */
    public void muted(String roomId, String userId) {
        quietly(() -> rooms.mute(roomId, userId, true));
    }

    /** {@code userId} unmuted themselves: the mute is lifted at the SFU. */
    public void unmutedThemselves(String roomId, String userId) {
        quietly(() -> rooms.mute(roomId, userId, false));
    }

    /** {@code userId} left the stage: their publishing connection goes. */
    public void leftStage(String roomId, String userId) {
        quietly(() -> rooms.unpublish(roomId, userId));
    }

    /** {@code userId} left, was kicked or banned: all their media in the room goes. */
    public void left(String roomId, String userId) {
        quietly(() -> rooms.remove(roomId, userId));
    }

    /** Someone started or stopped publishing in the room (on any node): this node's subscriptions follow. */
    public void publishersChanged(String roomId) {
        quietly(() -> rooms.followPublishers(roomId));
    }

    /** The room ended: its SFU room is destroyed. */
    public void ended(String roomId) {
        quietly(() -> rooms.end(roomId));
    }

    /** Drops the media of members no longer inside, and SFU rooms nobody is in (run on the live sweep). */
    public void sweep(java.util.function.BiPredicate<String, String> inside) {
        for (String roomId : rooms.rooms()) {
            quietly(() -> rooms.sweep(roomId, userId -> inside.test(roomId, userId)));
        }
    }

    private Participant member(Caller caller, String roomId) {
        Check.id("roomId", roomId);
        return members.member(caller, roomId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room"));
    }

    private static void sdp(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw ApiException.invalid("sdp", "sdp is required");
        }
        if (sdp.length() > MAX_SDP_CHARS) {
            throw ApiException.invalid("sdp", "sdp is too long");
        }
    }

    private <T> T janus(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (JanusException e) {
            if (e.unavailable()) {
                LOG.warn("Janus unavailable: {}", e.getMessage());
                unavailable.run();
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the audio server is not reachable");
            }
            LOG.info("Janus refused: {} {}", e.code(), e.getMessage());
            throw new ApiException(ErrorCode.CONFLICT, "the audio server refused: " + e.getMessage());
        }
    }

    private void quietly(Runnable action) {
        try {
            action.run();
        } catch (JanusException e) {
            LOG.warn("SFU change not applied: {}", e.getMessage());
            if (e.unavailable()) {
                unavailable.run();
            }
        }
    }

    /** Closed with this, first: the plan's bus subscription and the plan. */
    public void onClose(AutoCloseable... resources) {
        closeFirst.addAll(List.of(resources));
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeFirst) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing {}: {}", c, e.toString());
            }
        }
        rooms.close();
    }
}
