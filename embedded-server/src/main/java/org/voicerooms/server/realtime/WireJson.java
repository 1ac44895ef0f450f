package org.voicerooms.server.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.json.JSONObject;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ErrorBody;

/**
 * Converts between the shared Jackson records and the org.json objects the socket.io library carries. Payloads
 * are small (kilobytes), so the text round trip costs little and keeps one mapper in charge of the wire format.
 */
final class WireJson {

    private final ObjectMapper mapper;

    WireJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code value} as an org.json object. */
    JSONObject toJson(Object value) {
        try {
            return new JSONObject(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@code {"ok": true, ...fields of result}}; {@code result} may be null. */
    JSONObject ok(Object result) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ok", true);
        if (result != null) {
            node.setAll((ObjectNode) mapper.valueToTree(result));
        }
        return toJson(node);
    }

    /** {@code {"ok": false, "error": {"code", "message"[, "field"]}}}. */
    JSONObject failed(ApiError error) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ok", false);
        node.set("error", mapper.valueToTree(error));
        return toJson(node);
    }

    /** The {@code error} event body. */
    JSONObject errorBody(ApiError error) {
        return toJson(new ErrorBody(error));
    }
}
