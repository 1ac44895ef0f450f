package org.voicerooms.model.live;

import java.util.List;

/**
 * Payloads of the {@code sfu:*} events: audio through the server's SFU (Janus). Clients only ever talk to our
 * server; the server makes every request to the SFU itself, so only stage members can publish and a moderator's
 * mute is applied where the audio is forwarded.
 */
public final class SfuPayloads {

    private SfuPayloads() {
    }

    /**
     * An SDP, client → server: the publishing connection's offer ({@code sfu:publish}) or the answer to the latest
     * subscription offer ({@code sfu:answer}).
     */
    public record SfuSdp(String roomId, String sdp) {
    }

    /** The SFU's answer to a publishing offer: the acknowledgement's extra field of {@code sfu:publish}. */
    public record SfuAnswer(String sdp) {
    }

    /**
     * A trickled ICE candidate of one of the sender's two connections: {@code publishing} true for the connection
     * that sends the microphone, false for the one that receives the stage. A null {@code candidate} ends the
     * trickle.
     */
    public record SfuCandidate(String roomId, boolean publishing, String candidate, String sdpMid,
                               Integer sdpMLineIndex) {
    }

    /** Whose audio one media section of the subscription carries. */
    public record SfuStream(String mid, String userId) {
    }

    /**
     * The subscribing connection's offer, server → client ({@code sfu:offer}) and as the acknowledgement of
     * {@code sfu:subscribe}: one receive-only audio section per speaker publishing now, {@code streams} saying
     * whose each is. Answered with {@code sfu:answer}. {@code sdp} is null when nobody publishes yet.
     */
    public record SfuSubscription(String roomId, String sdp, List<SfuStream> streams) {
        public SfuSubscription {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }
}
