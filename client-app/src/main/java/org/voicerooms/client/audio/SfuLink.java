package org.voicerooms.client.audio;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.SfuPayloads.SfuCandidate;
import org.voicerooms.model.live.SfuPayloads.SfuSdp;

/**
 * One connection to the SFU: the publishing one (the microphone, send only) or the subscribing one (every speaker,
 * one receive-only audio section each, renegotiated as speakers come and go). Signaling goes through our server.
 * Local candidates are trickled once the server has the connection's other side (after the publish answer or the
 * subscription answer), kept until then. Methods block the SFU thread until their step is done (bounded).
 */
final class SfuLink {

    private static final Logger LOG = LoggerFactory.getLogger(SfuLink.class);
    static final long STEP_LIMIT_MS = 8000;

    private final SfuAudio owner;
    private final boolean publishing;
    private final RTCPeerConnection pc;
    private final List<RTCIceCandidate> unsent = new ArrayList<>();
    private boolean signaled;
    private final Map<String, AudioTrackSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, AudioTrack> tracks = new ConcurrentHashMap<>();
    /** Speakers played by the engine's personal mix, as {@link #applyHeard} last decided; read by the sinks. */
    private final java.util.Set<String> leveled = ConcurrentHashMap.newKeySet();
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    SfuLink(SfuAudio owner, boolean publishing) {
        this.owner = owner;
        this.publishing = publishing;
        this.pc = owner.engine().factory().createPeerConnection(owner.rtcConfig(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate c) {
                synchronized (unsent) {
                    if (!signaled) {
                        unsent.add(c);
                        return;
                    }
                }
                send(c);
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState s) {
                state = s;
                LOG.info("SFU {} connection: {}", publishing ? "publishing" : "subscribing", s);
                if (s == RTCPeerConnectionState.FAILED || s == RTCPeerConnectionState.DISCONNECTED) {
                    owner.trouble();
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver t) {
                if (t.getReceiver().getTrack() instanceof AudioTrack audio) {
                    listen(t.getMid(), audio);
                }
            }
        });
    }

    private void listen(String mid, AudioTrack audio) {
        if (mid == null || tracks.containsKey(mid)) {
            return;
        }
        AudioTrackSink sink = (data, bitsPerSample, sampleRate, channels, frames) -> {
            String speaker = owner.speakerOf(mid);
            if (speaker != null) {
                owner.heard(speaker, data, sampleRate, channels, frames);
                if (leveled.contains(speaker)) {
                    owner.engine().playLeveled(speaker, data, sampleRate, channels, frames);
                }
            }
        };
        tracks.put(mid, audio);
        sinks.put(mid, sink);
        audio.addSink(sink);
        applyHeard(owner.speakerOf(mid), audio);
    }

    /**
     * Plays each speaker's section or not, as the person chose ({@link SfuAudio#setHearing}); one at a level other
     * than 100 % is left out of libwebrtc's mix and played by the engine's personal mix from the track's sink.
     */
    void applyHeard() {
        tracks.forEach((mid, track) -> applyHeard(owner.speakerOf(mid), track));
    }

    private void applyHeard(String speaker, AudioTrack track) {
        boolean play = owner.heardHere(speaker);
        if (speaker != null && play && owner.engine().leveled(speaker)) {
            leveled.add(speaker);
            track.setEnabled(false);
            return;
        }
        if (speaker != null && leveled.remove(speaker)) {
            owner.engine().unleveled(speaker);
        }
        track.setEnabled(play);
    }

    boolean connected() {
        return state == RTCPeerConnectionState.CONNECTED;
    }

    boolean broken() {
        return state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED;
    }

    /** Publishes the microphone: offer, the server's answer from Janus, then the candidates. */
    void publish() throws Exception {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("voicerooms");
        pc.addTransceiver(owner.engine().mic(), init);
        String offer = describe(RTCSdpType.OFFER);
        String answer = owner.realtime().call(Events.SFU_PUBLISH, new SfuSdp(owner.roomId(), offer))
                .get(STEP_LIMIT_MS, TimeUnit.MILLISECONDS).path("sdp").asText();
        // Janus's answer carries its own Opus parameters; ours (tier, packet time) are what our encoder follows.
        apply(RTCSdpType.ANSWER, OpusSdp.tune(answer, owner.engine().settings()));
        flush();
    }

    /** A subscription offer from the SFU (first or renegotiated): answered through the server. */
    void onOffer(String sdp) throws Exception {
        apply(RTCSdpType.OFFER, sdp);
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            if (t.getDirection() != RTCRtpTransceiverDirection.INACTIVE) {
                t.setDirection(RTCRtpTransceiverDirection.RECV_ONLY);
            }
        }
        String answer = describe(RTCSdpType.ANSWER);
        owner.realtime().call(Events.SFU_ANSWER, new SfuSdp(owner.roomId(), answer))
                .get(STEP_LIMIT_MS, TimeUnit.MILLISECONDS);
        flush();
    }

    private void flush() {
        List<RTCIceCandidate> now;
        synchronized (unsent) {
            signaled = true;
            now = new ArrayList<>(unsent);
            unsent.clear();
        }
        now.forEach(this::send);
    }

    private void send(RTCIceCandidate c) {
        owner.realtime().call(Events.SFU_CANDIDATE, new SfuCandidate(owner.roomId(), publishing, c.sdp, c.sdpMid,
                c.sdpMLineIndex)).exceptionally(e -> {
                    LOG.debug("SFU candidate not sent: {}", e.getMessage());
                    return null;
                });
    }

    /** Creates and sets the local offer or answer, tuned to the settings; returns it. */
    private String describe(RTCSdpType type) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        CreateSessionDescriptionObserver made = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                String tuned = OpusSdp.tune(description.sdp, owner.engine().settings());
                pc.setLocalDescription(new RTCSessionDescription(type, tuned), observer(done, tuned));
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException("no " + type + ": " + error));
            }
        };
        if (type == RTCSdpType.OFFER) {
            pc.createOffer(new RTCOfferOptions(), made);
        } else {
            pc.createAnswer(new RTCAnswerOptions(), made);
        }
        return done.get(STEP_LIMIT_MS, TimeUnit.MILLISECONDS);
    }

    private void apply(RTCSdpType type, String sdp) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(type, sdp), observer(done, sdp));
        done.get(STEP_LIMIT_MS, TimeUnit.MILLISECONDS);
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<String> done, String sdp) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(sdp);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException("description refused: " + error));
            }
        };
    }

    /** Completes {@code out} with the receive counts summed over this connection's inbound streams. */
    void received(CompletableFuture<SfuAudio.Received> out) {
        pc.getStats(report -> {
            long packets = 0;
            long lost = 0;
            int streams = 0;
            double buffered = 0;
            long emitted = 0;
            for (RTCStats s : report.getStats().values()) {
                if (s.getType() == RTCStatsType.INBOUND_RTP) {
                    Map<String, Object> a = s.getAttributes();
                    packets += a.get("packetsReceived") instanceof Number n ? n.longValue() : 0;
                    lost += a.get("packetsLost") instanceof Number n ? n.longValue() : 0;
                    buffered += a.get("jitterBufferDelay") instanceof Number n ? n.doubleValue() : 0;
                    emitted += a.get("jitterBufferEmittedCount") instanceof Number n ? n.longValue() : 0;
                    streams++;
                }
            }
            out.complete(new SfuAudio.Received(packets, lost, streams, buffered, emitted));
        });
    }

    PeerLinkConnection.Stats stats() {
        return PeerLinkConnection.statsOf(pc, state.name());
    }

    void close() {
        tracks.forEach((mid, track) -> {
            AudioTrackSink sink = sinks.get(mid);
            if (sink != null) {
                track.removeSink(sink);
            }
        });
        pc.close();
        LOG.info("SFU {} connection closed", publishing ? "publishing" : "subscribing");
    }
}
