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
        double jitter = Double.NaN;
        int known = 0;
        for (PeerLinkConnection.Stats s : links) {
            if (!Double.isNaN(s.rttMs())) {
                rtt = Math.max(rtt, s.rttMs());
                known++;
            }
            if (!Double.isNaN(s.packetsLostPercent())) {
                loss = Math.max(loss, s.packetsLostPercent());
            }
            // a link that has received nothing (a listener's, which only sends) reports a jitter of nothing heard
            if (!Double.isNaN(s.jitterMs()) && s.receiveKbps() > 0) {
                jitter = Double.isNaN(jitter) ? s.jitterMs() : Math.max(jitter, s.jitterMs());
            }
        }
        if (known == 0) {
            return links.isEmpty() ? "No audio links" : "Connecting audio…";
        }
        double j = Double.isNaN(jitter) ? 0 : jitter;
        // every figure that can make the word worse is on the label, so the word never contradicts it
        String word = rtt > 400 || loss > 8 || j > 60 ? "Poor" : rtt > 150 || loss > 2 || j > 30 ? "Fair" : "Good";
        String figures = String.format(Locale.ROOT, "%s · %.0f ms · %s%% loss", word, rtt, loss < 0.05 ? "0"
                : String.format(Locale.ROOT, "%.1f", loss));
        return Double.isNaN(jitter) ? figures : figures + String.format(Locale.ROOT, " · %.0f ms jitter", jitter);
    }
}
