package org.voicerooms.server.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.json.JSONObject;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.server.http.Caller;

/**
 * Reads the {@code auth} of a Socket.IO CONNECT packet ({@code auth: {token}}) with Jackson, bounded in size and
 * depth, before the socket.io library sees it. The library parses with org.json, whose older versions spend
 * unbounded memory on nested malformed keys (CVE-2023-5072); so a CONNECT reaches the library only as the packet
 * {@link #canonical} writes here: {@code 0{"token":"…"}}, built by us from the checked token.
 */
final class HandshakeGuard {

    /** The largest CONNECT packet: a token is about 300 characters; the rest of the auth object is not used. */
    static final int MAX_CONNECT_CHARS = 8 * 1024;
    /** The auth object is flat; a little room for clients that add fields of their own. */
    private static final int MAX_AUTH_DEPTH = 4;

    private final Function<String, Caller> verifyToken;
    private final ObjectMapper reader;
    private final ObjectMapper writer = new ObjectMapper();

    HandshakeGuard(Function<String, Caller> verifyToken) {
        this.verifyToken = verifyToken;
        this.reader = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_AUTH_DEPTH)
                        .maxStringLength(MAX_CONNECT_CHARS)
                        .maxNumberLength(32)
                        .build())
                .build());
    }

    /** The token a CONNECT packet carries (null when it has none); BAD_REQUEST when the packet cannot be read. */
    String tokenOf(String connectPacket) {
        if (connectPacket.length() > MAX_CONNECT_CHARS) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the handshake is larger than "
                    + MAX_CONNECT_CHARS + " characters");
        }
        int comma = connectPacket.startsWith("0/") ? connectPacket.indexOf(',') : 0;
        String json = connectPacket.substring(comma < 0 ? connectPacket.length() : comma + 1);
        if (json.isEmpty()) {
            return null;
        }
        JsonNode auth;
        try {
            auth = reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the handshake's auth is not a JSON object");
        }
        if (!(auth instanceof ObjectNode object)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the handshake's auth is not a JSON object");
        }
        JsonNode token = object.get("token");
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isTextual()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the handshake's token must be a string");
        }
        return token.textValue();
    }

    /** The caller a token proves; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    Caller verify(String token) {
        return verifyToken.apply(token);
    }

    /** The CONNECT packet the library gets: the namespace of the original and only the checked token. */
    String canonical(String namespace, String token) {
        ObjectNode auth = writer.createObjectNode();
        if (token != null) {
            auth.put("token", token);
        }
        return "0" + ("/".equals(namespace) ? "" : namespace + ",") + auth;
    }

    /** The caller a CONNECT's auth data proves (as the library hands it over after {@link #canonical}). */
    Caller caller(Object connectData) {
        String token = null;
        if (connectData instanceof JSONObject auth) {
            token = auth.optString("token", null);
        }
        return verify(token);
    }
}
