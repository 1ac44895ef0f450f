package org.voicerooms.client.audio;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.Sdp;

/** One peer connection of the mesh: one two-way audio transceiver, the microphone attached while on stage. */
public final class PeerLinkConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLinkConnection.class);

    /** Connection figures; NaN where libwebrtc has none yet. */
    public record Stats(double rttMs, double packetsLostPercent, double jitterMs, double receiveKbps,
                        double sendKbps, double audioLevel, String state, String route) {
    }

    static final long DISCONNECTED_LIMIT_MS = 3000;
    /** The offering side's first wait for a link to connect; each try in a row that did not doubles it. */
    static final long CONNECT_LIMIT_MS = 4000;
    static final long CONNECT_LIMIT_MAX_MS = 30_000;

    private final MeshAudio mesh;
    private final String peerId;
    private final boolean offerer;
    private final RTCPeerConnection pc;
    private final List<RTCIceCandidate> early = new ArrayList<>();
    private volatile AudioTrack remote;
    private AudioTrackSink sink;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private volatile long stateSince = System.nanoTime();
    private volatile boolean everConnected;
    private final long createdAt = System.nanoTime();
    /** How long this link may take to connect before the offering side starts over; jittered. */
    private final long connectLimitMs;
    private boolean remoteSet;
    private volatile Boolean attached;
    /** Whether the room has this peer speaking (on stage, not muted): only then is its audio played. */
    private volatile boolean audible;
    /** Played through the engine's personal mix at the person's level ({@link #applyHeard}). */
    private volatile boolean leveled;
    private volatile RTCRtpTransceiver transceiver;

    /** {@code attempt}: how many links this side offered to the peer before in a row that never connected. */
    PeerLinkConnection(MeshAudio mesh, String peerId, boolean offerer, int attempt) {
        this.mesh = mesh;
        this.peerId = peerId;
        this.offerer = offerer;
        this.connectLimitMs = connectLimit(attempt, java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        this.pc = mesh.engine().factory().createPeerConnection(mesh.rtcConfig(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate c) {
                mesh.realtime().call(Events.ICE_CANDIDATE, new IceCandidate(mesh.roomId(), peerId, c.sdp, c.sdpMid,
                        c.sdpMLineIndex)).exceptionally(e -> {
                            LOG.debug("Candidate for {} not relayed: {}", peerId, e.getMessage());
                            return null;
                        });
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState s) {
                state = s;
                stateSince = System.nanoTime();
                everConnected |= s == RTCPeerConnectionState.CONNECTED;
                LOG.info("Audio link to {}: {}", peerId, s);
                if (s != RTCPeerConnectionState.CONNECTED && s != RTCPeerConnectionState.CONNECTING) {
                    mesh.linkTrouble();
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver t) {
                MediaStreamTrack track = t.getReceiver().getTrack();
                if (track instanceof AudioTrack audio) {
                    listen(audio);
                }
            }
        });
        if (offerer) {
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.SEND_RECV;
            init.streamIds = List.of("voicerooms");
            transceiver = pc.addTransceiver(mesh.engine().mic(), init);
        }
    }

    private void listen(AudioTrack audio) {
        if (remote != null) {
            return;
        }
        remote = audio;
        sink = (data, bitsPerSample, sampleRate, channels, frames) -> {
            if (!audible) {
                return;
            }
            mesh.heard(peerId, data, channels, frames);
            if (leveled) {
                mesh.engine().playLeveled(peerId, data, sampleRate, channels, frames);
            }
            for (RoomAudio.RemoteAudioListener l : mesh.remoteListeners) {
                l.onAudio(peerId, data, sampleRate, channels, frames);
            }
        };
        audio.addSink(sink);
        applyHeard();
    }

    /**
     * Plays or silences this peer's audio here, as the person chose ({@link MeshAudio#setHeard}). A disabled remote
     * track sets libwebrtc's output gain for its stream to zero, so it drops out of what the speaker plays; the
     * stream keeps flowing, so turning it back on is instant.
     */
    void applyHeard() {
        AudioTrack r = remote;
        // played only when the room has the peer speaking and the person did not silence them here; at a level
        // other than 100 % by the engine's personal mix instead of libwebrtc's
        boolean play = audible && mesh.heard(peerId);
        leveled = play && mesh.engine().leveled(peerId);
        if (!leveled) {
            mesh.engine().unleveled(peerId);
        }
        if (r != null) {
            r.setEnabled(play && !leveled);
        }
    }

    String peerId() {
        return peerId;
    }

    /**
     * Plays the peer or not: a disabled remote track is played at volume 0, and its audio is not passed on. The mesh
     * sets it from the room state, so a peer the room does not have speaking is not heard whatever it sends.
     */
    void setAudible(boolean on) {
        if (audible == on) {
            return;
        }
        audible = on;
        applyHeard();
        LOG.info("{} is {} here", peerId, on ? "played" : "not played");
    }

    boolean connected() {
        return state == RTCPeerConnectionState.CONNECTED;
    }

    boolean failed() {
        return state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED;
    }

    /**
     * Whether this link should be rebuilt. Only the side that offers ever decides that (the rule is shared-model's,
     * so exactly one side of a pair does): when the link failed, was disconnected for {@link #DISCONNECTED_LIMIT_MS}
     * (the peer went away, e.g. its app restarted, while the room still lists it), or did not connect within its
     * {@link #connectLimit} (an offer or answer lost while the server was away). The answering side keeps its link
     * until a new offer replaces it, so the two sides can never tear down each other's new attempt in step.
     */
    boolean stale() {
        if (!offerer) {
            return state == RTCPeerConnectionState.CLOSED;
        }
        return down() || !everConnected && (System.nanoTime() - createdAt) / 1_000_000 > connectLimitMs;
    }

    /** Failed, or disconnected for longer than {@link #DISCONNECTED_LIMIT_MS}. */
    boolean down() {
        long ms = (System.nanoTime() - stateSince) / 1_000_000;
        return failed() || state == RTCPeerConnectionState.DISCONNECTED && ms > DISCONNECTED_LIMIT_MS;
    }

    /**
     * The wait for try {@code attempt} (0 first) to connect: {@link #CONNECT_LIMIT_MS}, doubling per try up to
     * {@link #CONNECT_LIMIT_MAX_MS}, plus up to a quarter more at random ({@code random} in [0, 1)) so that links
     * to many peers do not all start over at once.
     */
    static long connectLimit(int attempt, double random) {
        long base = Math.min(CONNECT_LIMIT_MAX_MS, CONNECT_LIMIT_MS << Math.min(attempt, 4));
        return base + (long) (base / 4.0 * random);
    }

    boolean offerer() {
        return offerer;
    }

    boolean everConnected() {
        return everConnected;
    }

    /** Whether the peer already negotiated this link: a new offer then means the peer started over. */
    boolean negotiated() {
        return remoteSet;
    }

    /**
     * Sends the microphone while this person is on stage; in the audience the link sends nothing at all. Detaching
     * the track is not enough: libwebrtc feeds the device's capture straight to every active send stream, so a
     * listener who answered a two-way offer would be heard though no track was ever attached. The encoding is
     * switched off too, which stops the stream (and capture, when no other link sends).
     */
    void updateSending() {
        if (transceiver == null) {
            return;
        }
        boolean send = mesh.sending();
        if (attached != null && attached == send) {
            return;
        }
        transceiver.getSender().replaceTrack(send ? mesh.engine().mic() : null);
        attached = send;
        activate();
        LOG.info("Microphone {} on the link to {}", send ? "attached" : "detached", peerId);
    }

    /**
     * Switches the send encoding on while the microphone is attached, off otherwise. Before the local description
     * the sender has no encodings yet, so this runs again once it is set.
     */
    private void activate() {
        RTCRtpTransceiver t = transceiver;
        if (t == null) {
            return;
        }
        boolean send = Boolean.TRUE.equals(attached);
        try {
            RTCRtpSender sender = t.getSender();
            RTCRtpSendParameters parameters = sender.getParameters();
            if (parameters.encodings != null && parameters.encodings.stream().anyMatch(e -> !Boolean.valueOf(send).equals(e.active))) {
                parameters.encodings.forEach(e -> e.active = send);
                sender.setParameters(parameters);
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("Could not {} the stream to {}: {}", send ? "start" : "stop", peerId, e.getMessage());
        }
    }

    void offer() {
        pc.createOffer(new RTCOfferOptions(), described(RTCSdpType.OFFER));
    }

    void onOffer(String sdp) {
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, sdp), done(() -> {
            remoteSet = true;
            flushCandidates();
            for (RTCRtpTransceiver t : pc.getTransceivers()) {
                transceiver = t;
                t.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
            }
            attached = null;
            updateSending();
            pc.createAnswer(new RTCAnswerOptions(), described(RTCSdpType.ANSWER));
        }));
    }

    void onAnswer(String sdp) {
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), done(() -> {
            remoteSet = true;
            flushCandidates();
        }));
    }

    void onCandidate(IceCandidate c) {
        RTCIceCandidate candidate = new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex(),
                c.candidate());
        if (remoteSet) {
            pc.addIceCandidate(candidate);
        } else {
            early.add(candidate);
        }
    }

    private void flushCandidates() {
        early.forEach(pc::addIceCandidate);
        early.clear();
    }

    private CreateSessionDescriptionObserver described(RTCSdpType type) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                String tuned = OpusSdp.tune(description.sdp, mesh.engine().settings());
                pc.setLocalDescription(new RTCSessionDescription(type, tuned), done(() -> {
                    activate();
                    mesh.realtime().call(type == RTCSdpType.OFFER ? Events.OFFER : Events.ANSWER,
                                new Sdp(mesh.roomId(), peerId, tuned)).exceptionally(e -> {
                                    LOG.warn("{} to {} not relayed: {}", type, peerId, e.getMessage());
                                    return null;
                                });
                }));
            }

            @Override
            public void onFailure(String error) {
                LOG.warn("Could not create the {} for {}: {}", type, peerId, error);
            }
        };
    }

    private SetSessionDescriptionObserver done(Runnable next) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                next.run();
            }

            @Override
            public void onFailure(String error) {
                LOG.warn("Session description for {} refused: {}", peerId, error);
            }
        };
    }

    /** The link's figures now. */
    Stats stats() {
        return statsOf(pc, state.name());
    }

    /**
     * A connection's figures now; {@code route} is the local candidate type of the selected pair ({@code host},
     * {@code srflx}, {@code prflx} or {@code relay}), null before one is selected.
     */
    static Stats statsOf(RTCPeerConnection pc, String state) {
        CompletableFuture<Stats> out = new CompletableFuture<>();
        pc.getStats(report -> {
            double rtt = Double.NaN;
            double lost = Double.NaN;
            double jitter = Double.NaN;
            double level = Double.NaN;
            double recvBytes = Double.NaN;
            double sendBytes = Double.NaN;
            String localCandidate = null;
            for (RTCStats s : report.getStats().values()) {
                Map<String, Object> a = s.getAttributes();
                if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))
                        && "succeeded".equals(String.valueOf(a.get("state")))) {
                    rtt = number(a.get("currentRoundTripTime")) * 1000;
                    localCandidate = String.valueOf(a.get("localCandidateId"));
                } else if (s.getType() == RTCStatsType.INBOUND_RTP) {
                    double received = number(a.get("packetsReceived"));
                    double missing = number(a.get("packetsLost"));
                    lost = received + missing > 0 ? 100 * missing / (received + missing) : 0;
                    jitter = number(a.get("jitter")) * 1000;
                    level = number(a.get("audioLevel"));
                    recvBytes = number(a.get("bytesReceived"));
                } else if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
                    sendBytes = number(a.get("bytesSent"));
                }
            }
            RTCStats local = localCandidate == null ? null : report.getStats().get(localCandidate);
            String route = local == null ? null : String.valueOf(local.getAttributes().get("candidateType"));
            out.complete(new Stats(rtt, lost, jitter, recvBytes, sendBytes, level, state, route));
        });
        try {
            return out.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, state, null);
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    void close() {
        if (remote != null && sink != null) {
            remote.removeSink(sink);
        }
        pc.close();
        LOG.info("Audio link to {} closed", peerId);
    }
}
