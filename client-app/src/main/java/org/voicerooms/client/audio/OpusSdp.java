package org.voicerooms.client.audio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the quality tier into an SDP's Opus parameters: {@code maxplaybackrate}, {@code sprop-maxcapturerate},
 * {@code maxaveragebitrate}, {@code useinbandfec=1}, {@code usedtx=1}, and with 10 ms packets {@code ptime} and
 * {@code minptime}. Other codecs and lines stay as they are. Pure text work, so it is tested without native code.
 */
public final class OpusSdp {

    private static final Pattern OPUS = Pattern.compile("(?m)^a=rtpmap:(\\d+) opus/48000(?:/2)?\\r?$");

    private OpusSdp() {
    }

    /** The SDP with Opus tuned for {@code settings}; unchanged if it has no Opus. */
    public static String tune(String sdp, AudioSettings settings) {
        Matcher m = OPUS.matcher(sdp);
        if (!m.find()) {
            return sdp;
        }
        String pt = m.group(1);
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("maxplaybackrate", String.valueOf(settings.tier().sampleRate));
        wanted.put("sprop-maxcapturerate", String.valueOf(settings.tier().sampleRate));
        wanted.put("maxaveragebitrate", String.valueOf(settings.tier().bitrate));
        wanted.put("useinbandfec", "1");
        wanted.put("usedtx", "1");
        if (settings.tenMsPackets()) {
            wanted.put("ptime", "10");
            wanted.put("minptime", "10");
        }
        Pattern fmtp = Pattern.compile("(?m)^a=fmtp:" + pt + " ([^\\r\\n]*)\\r?$");
        Matcher f = fmtp.matcher(sdp);
        String out;
        if (f.find()) {
            Map<String, String> params = parse(f.group(1));
            params.putAll(wanted);
            out = sdp.substring(0, f.start()) + "a=fmtp:" + pt + " " + join(params) + sdp.substring(f.end(1));
        } else {
            int lineEnd = sdp.indexOf('\n', m.end());
            int at = lineEnd < 0 ? sdp.length() : lineEnd + 1;
            out = sdp.substring(0, at) + "a=fmtp:" + pt + " " + join(wanted) + eol + sdp.substring(at);
        }
        if (settings.tenMsPackets()) {
            out = out.replaceAll("(?m)^a=ptime:\\d+\\r?\\n", "");
            out = insertAfterMediaLine(out, "a=ptime:10", eol);
        }
        return out;
    }

    /** The Opus fmtp parameters of {@code sdp}, for tests and diagnostics; empty if none. */
    public static Map<String, String> opusParameters(String sdp) {
        Matcher m = OPUS.matcher(sdp);
        if (!m.find()) {
            return Map.of();
        }
        Matcher f = Pattern.compile("(?m)^a=fmtp:" + m.group(1) + " ([^\\r\\n]*)\\r?$").matcher(sdp);
        return f.find() ? parse(f.group(1)) : Map.of();
    }

    private static String insertAfterMediaLine(String sdp, String line, String eol) {
        Matcher media = Pattern.compile("(?m)^m=audio [^\\r\\n]*\\r?\\n").matcher(sdp);
        if (!media.find()) {
            return sdp;
        }
        return sdp.substring(0, media.end()) + line + eol + sdp.substring(media.end());
    }

    private static Map<String, String> parse(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : params.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return out;
    }

    private static String join(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }
}
