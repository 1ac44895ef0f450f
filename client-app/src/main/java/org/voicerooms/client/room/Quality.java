package org.voicerooms.client.room;

import java.util.Collection;
import java.util.Locale;
import org.voicerooms.client.audio.PeerLinkConnection;

/** Turns the links' figures into one word for the connection-quality indicator: the worst link decides. */
final class Quality {

    private Quality() {
    }

    static String describe(Collection<PeerLinkConnection.Stats> links) {
        double rtt = 0;
        double loss = 0;
        double jitter = 0;
        int known = 0;
        for (PeerLinkConnection.Stats s : links) {
            if (!Double.isNaN(s.rttMs())) {
                rtt = Math.max(rtt, s.rttMs());
                known++;
            }
            if (!Double.isNaN(s.packetsLostPercent())) {
                loss = Math.max(loss, s.packetsLostPercent());
            }
            if (!Double.isNaN(s.jitterMs())) {
                jitter = Math.max(jitter, s.jitterMs());
            }
        }
        if (known == 0) {
            return links.isEmpty() ? "No audio links" : "Connecting audio…";
        }
        String word = rtt > 400 || loss > 8 || jitter > 60 ? "Poor" : rtt > 150 || loss > 2 || jitter > 30 ? "Fair"
                : "Good";
        return String.format(Locale.ROOT, "%s · %.0f ms · %.1f%% loss", word, rtt, loss);
    }
}
