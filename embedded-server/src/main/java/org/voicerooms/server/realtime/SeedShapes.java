package org.voicerooms.server.realtime;

import java.util.Set;
import org.json.JSONObject;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;

/**
 * The seed protocol's signaling shapes, accepted beside ours: {@code webrtc:offer {roomId, peerId, offer}} and
 * {@code webrtc:answer {roomId, peerId, answer}} with an SDP string or an RTCSessionDescriptionInit
 * {@code {type, sdp}}, and {@code webrtc:ice-candidate {roomId, peerId, candidate}} with an RTCIceCandidateInit
 * object. Each is rewritten into our shape before the payload is parsed, so the one strict parser still refuses every
 * field that is neither ours nor one of these aliases. Pure; runs on the connection's transport thread.
 */
final class SeedShapes {

    private static final Set<String> DESCRIPTION_FIELDS = Set.of("type", "sdp");
    private static final Set<String> CANDIDATE_FIELDS = Set.of("candidate", "sdpMid", "sdpMLineIndex",
            "usernameFragment");

    private SeedShapes() {
    }

    /** {@code payload} in our shape: the same object when it already is, else a rewritten copy. */
    static JSONObject normalize(String event, JSONObject payload) {
        if (Events.OFFER.name().equals(event)) {
            return description(payload, "offer");
        }
        if (Events.ANSWER.name().equals(event)) {
            return description(payload, "answer");
        }
        if (Events.ICE_CANDIDATE.name().equals(event) && payload.opt("candidate") instanceof JSONObject init) {
            return candidate(payload, init);
        }
        return payload;
    }

    private static JSONObject description(JSONObject payload, String field) {
        if (!payload.has(field)) {
            return payload;
        }
        if (payload.has("sdp")) {
            throw invalid(field, "send either sdp or " + field + ", not both");
        }
        Object value = payload.get(field);
        String sdp;
        if (value instanceof String text) {
            sdp = text;
        } else if (value instanceof JSONObject init) {
            for (String key : init.keySet()) {
                if (!DESCRIPTION_FIELDS.contains(key)) {
                    throw invalid(field + "." + key, "unknown field '" + key + "'");
                }
            }
            Object type = init.opt("type");
            if (type != null && !field.equals(type)) {
                throw invalid(field + ".type", "must be '" + field + "'");
            }
            if (!(init.opt("sdp") instanceof String text)) {
                throw invalid(field + ".sdp", "must be a string");
            }
            sdp = text;
        } else {
            throw invalid(field, "must be an SDP string or {type, sdp}");
        }
        JSONObject out = new JSONObject(payload.toMap());
        out.remove(field);
        out.put("sdp", sdp);
        return out;
    }

    private static JSONObject candidate(JSONObject payload, JSONObject init) {
        if (payload.has("sdpMid") || payload.has("sdpMLineIndex")) {
            throw invalid("candidate", "with a candidate object, send sdpMid and sdpMLineIndex inside it");
        }
        for (String key : init.keySet()) {
            if (!CANDIDATE_FIELDS.contains(key)) {
                throw invalid("candidate." + key, "unknown field '" + key + "'");
            }
        }
        JSONObject out = new JSONObject(payload.toMap());
        out.put("candidate", init.opt("candidate"));
        copy(init, out, "sdpMid");
        copy(init, out, "sdpMLineIndex");
        return out;
    }

    private static void copy(JSONObject from, JSONObject to, String key) {
        Object value = from.opt(key);
        if (value != null && value != JSONObject.NULL) {
            to.put(key, value);
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + ": " + message, field);
    }
}
