package org.voicerooms.model.live;

/** Size limits of realtime messages, checked by the server and usable by clients before sending. */
public final class LiveRules {

    /** Largest SDP accepted for relay, in characters. Opus-only audio SDPs are 2-6 KB. */
    public static final int SDP_MAX = 16 * 1024;
    /** Largest ICE candidate line. */
    public static final int CANDIDATE_MAX = 1024;
    /** Largest sdpMid. */
    public static final int SDP_MID_MAX = 64;
    /** Longest chat line, in characters. */
    public static final int CHAT_MAX = 500;
    /** Longest reaction, in characters (one emoji can take several code points). */
    public static final int REACTION_MAX = 16;
    /** Chat lines a room remembers for late joiners' history and for deletion. */
    public static final int CHAT_HISTORY = 100;
    /** Longest reason a moderator gives with a mute, kick or ban, in characters. */
    public static final int REASON_MAX = 200;

    private LiveRules() {
    }
}
