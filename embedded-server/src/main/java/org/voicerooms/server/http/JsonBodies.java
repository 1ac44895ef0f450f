package org.voicerooms.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.WireEnum;

/**
 * Reads request bodies with the shared strict mapper and turns every way a body can be wrong into a typed error:
 * not JSON → UNSUPPORTED_MEDIA_TYPE; unreadable → BAD_REQUEST; wrong shape → VALIDATION_FAILED naming the field.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as {@code type}; never null. */
    public <T> T read(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON body is required");
        }
        return parse(body, type);
    }

    /** Parses JSON bytes as {@code type}, with the same typed errors as {@link #read}. */
    public <T> T parse(byte[] json, Class<T> type) {
        T value;
        try {
            value = mapper.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw ApiException.invalid(field, "unknown field '" + field + "'");
        } catch (StreamReadException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            StreamReadException unreadable = streamCause(e);
            if (unreadable instanceof InputCoercionException && !path(e).isEmpty()) {
                // A number too large for its field (e.g. 99999999999 for an int) is a value problem, not bad JSON.
                String field = path(e);
                throw ApiException.invalid(field, field + " is out of range");
            }
            if (unreadable != null) {
                // Jackson wraps parse errors found inside nested values (e.g. a duplicate key) in a mapping error.
                throw new ApiException(ErrorCode.BAD_REQUEST, "malformed JSON: " + unreadable.getOriginalMessage());
            }
            String field = path(e);
            if (field.isEmpty()) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the body must be one JSON object");
            }
            throw ApiException.invalid(field, field + " must be " + expected(e));
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "unreadable body");
        }
        if (value == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON object is required");
        }
        return value;
    }

    /** The value as JSON. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static StreamReadException streamCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StreamReadException s) {
                return s;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What the field should have been, in words, from the type Jackson wanted. */
    private static String expected(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return "valid: " + cause.getMessage();
        }
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "valid";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time such as 2030-01-31T18:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c instanceof WireEnum w ? w.wire() : c.toString()).toList();
        }
        return "an object";
    }
}
