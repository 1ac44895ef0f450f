package org.voicerooms.client.audio;

import dev.onvoid.webrtc.RTCIceTransportPolicy;
import java.util.Locale;

/**
 * Setting {@code ice-transport-policy}: which ICE candidates audio connections may use. {@code all} (default): the
 * direct path when there is one, a TURN relay otherwise; {@code relay}: only through the TURN server (users behind
 * strict NATs or firewalls, and tests proving the relay works).
 */
public enum IcePolicy {
    ALL(RTCIceTransportPolicy.ALL),
    RELAY(RTCIceTransportPolicy.RELAY);

    private final RTCIceTransportPolicy rtc;

    IcePolicy(RTCIceTransportPolicy rtc) {
        this.rtc = rtc;
    }

    RTCIceTransportPolicy rtc() {
        return rtc;
    }

    /** {@code all} or {@code relay}; anything else is an {@link IllegalArgumentException} naming the setting. */
    public static IcePolicy parse(String value) {
        if (value != null) {
            for (IcePolicy p : values()) {
                if (p.name().equalsIgnoreCase(value.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("ice-transport-policy must be all or relay, not '" + value + "'");
    }

    /** The setting's value as written: {@code all} or {@code relay}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
