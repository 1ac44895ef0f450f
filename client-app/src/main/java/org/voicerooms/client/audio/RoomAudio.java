package org.voicerooms.client.audio;

import java.util.List;
import java.util.Map;

/**
 * A room session's audio, whichever way it flows: {@link MeshAudio} (a connection per peer) or {@link SfuAudio}
 * (one publishing and one subscribing connection through the server's SFU). Everything a screen or the bot needs.
 */
public interface RoomAudio extends AutoCloseable {

    /** Remote audio as it arrives: whose, and 10 ms of 16-bit PCM. Runs on libwebrtc's audio thread: be quick. */
    interface RemoteAudioListener {
        void onAudio(String peerId, byte[] pcm, int sampleRate, int channels, int frames);
    }

    void addRemoteAudioListener(RemoteAudioListener listener);

    /** Each speaker's level now, 0 to 1, a peak decaying over about 200 ms; 0 once their audio stops arriving. */
    Map<String, Double> remoteLevels();

    /** This microphone's level as sent, 0 to 1; 0 while muted or in the audience. */
    double localLevel();

    /** The microphone's level on stage, muted or not; 0 in the audience. */
    double micLevel();

    /** Whether local voice activity says this person is speaking now. */
    boolean speaking();

    /** Mutes or unmutes the microphone at once; tell the room too. */
    void setSelfMuted(boolean muted);

    /** Who is heard through a connection that is up now (peers of the mesh, speakers of the SFU). */
    List<String> connectedPeers();

    /** Connection figures by connection (a peer of the mesh; {@code publish}/{@code subscribe} of the SFU). */
    Map<String, PeerLinkConnection.Stats> stats();

    /** Whom to play on this speaker: {@code rule} says, per peer, whether their audio plays here. Any thread. */
    void setHearing(java.util.function.Predicate<String> rule);

    /**
     * Whether personal levels are held at 100 % now (the microphone goes out and echo cancellation is on: see
     * {@link AudioEngine#levelsHeld}); 0 % and "Mute for me" apply all the same.
     */
    default boolean levelsHeld() {
        return false;
    }

    /** Asks the hearing rule again for {@code peerId} (after the person changed their choice). Any thread. */
    void applyHearing(String peerId);

    @Override
    void close();
}
