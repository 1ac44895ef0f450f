package org.voicerooms.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.voicerooms.model.WireEnum;

/**
 * Hostile bodies generated from a shared-model record: a valid body built by reflection from its components
 * (strings, numbers, booleans, enums, lists, times, nested records), then that body with each field replaced by
 * every value of a pool of wrong types, huge and deep values and Unicode edge cases, each field missing, an
 * unknown field, broken JSON as a whole, and seeded random mixtures of all of these. Cases are JSON text, since
 * several are not valid JSON at all.
 */
final class PayloadFuzzer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values that do not belong in any field, as JSON text. */
    static final List<String> HOSTILE_VALUES = List.of(
            "null", "true", "false", "0", "-1", "9223372036854775808", "1e309", "-0.0", "3.5", "\"\"", "\" \"",
            "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":{\"c\":1}}}",
            quoted("x".repeat(5_000)), quoted("x".repeat(100_000)),
            "[".repeat(40) + "]".repeat(40), "{\"a\":".repeat(40) + "1" + "}".repeat(40),
            "\"\\ud800\"", "\"\\udc00x\\ud800\"", "\"\\u202eevil.exe\"", "\"a\\u200bb\"", "\"\\ufeff\"",
            "\"\\u0000\"", "\"line\\nbreak\\r\\n\"", "\"👩‍💻🏳️‍🌈\"", quoted("e\u0301".repeat(2_000)),
            "\"مرحبا\"", "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢\"", "\"../../etc/passwd\"", "\"$where\"", "{\"$gt\":\"\"}",
            "\"0000000000000000000000000\"", "\"ffffffffffffffffffffffff\"", "\"2030-01-01T00:00:00Z\"",
            "\"not-a-date\"", "\"+999999999-12-31T23:59:59Z\"", "\"PUBLIC\"", "\"public \"");

    /** Whole bodies that are wrong as a whole. */
    static final List<String> HOSTILE_BODIES = List.of(
            "", "null", "[]", "\"text\"", "42", "{", "{\"a\":1,\"a\":2}", "{}garbage", "{}{}", "{\"a\" 1}",
            "[".repeat(3_000) + "]".repeat(3_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            HostileInputIT.nestedKeyBomb(26), "{'single':'quotes'}", "{\"a\":1,}", "\ufeff{}", "{/*c*/}");

    private final Random random;
    private final Map<String, String> knownValues;

    /**
     * @param seed        for the random mixtures
     * @param knownValues values to use for fields of these names in the valid body (ids of real rooms and users)
     */
    PayloadFuzzer(long seed, Map<String, String> knownValues) {
        this.random = new Random(seed);
        this.knownValues = knownValues;
    }

    /** Every hostile case for {@code type}, plus {@code mixtures} random ones. */
    List<String> cases(Class<? extends Record> type, int mixtures) {
        ObjectNode valid = validBody(type);
        List<String> out = new ArrayList<>(HOSTILE_BODIES);
        out.add(valid.toString());
        List<String> paths = fieldPaths(type, "");
        for (String path : paths) {
            for (String value : HOSTILE_VALUES) {
                out.add(with(valid, path, value));
            }
            out.add(without(valid, path));
        }
        ObjectNode extra = valid.deepCopy();
        extra.put("unexpected", 1);
        out.add(extra.toString());
        for (int i = 0; i < mixtures; i++) {
            Map<String, String> changes = new LinkedHashMap<>();
            int count = 1 + random.nextInt(paths.size());
            for (int c = 0; c < count; c++) {
                changes.put(paths.get(random.nextInt(paths.size())),
                        HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
            }
            out.add(with(valid, changes));
        }
        return out;
    }

    /** A body that passes as {@code type}, from the component types and the known values. */
    ObjectNode validBody(Class<?> type) {
        ObjectNode node = NODES.objectNode();
        for (RecordComponent c : type.getRecordComponents()) {
            node.set(c.getName(), validValue(c.getName(), c.getType()));
        }
        return node;
    }

    private JsonNode validValue(String name, Class<?> type) {
        if (knownValues.containsKey(name)) {
            return NODES.textNode(knownValues.get(name));
        }
        if (type == String.class) {
            return NODES.textNode(name.toLowerCase(Locale.ROOT).contains("password") ? "correct-horse-battery"
                    : "valid-" + name.toLowerCase(Locale.ROOT));
        }
        if (type == boolean.class || type == Boolean.class) {
            return NODES.booleanNode(true);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return NODES.numberNode(10);
        }
        if (type == Instant.class) {
            return NODES.textNode(Instant.now().plusSeconds(86_400).toString());
        }
        if (List.class.isAssignableFrom(type)) {
            return NODES.arrayNode();
        }
        if (type.isEnum()) {
            Object first = type.getEnumConstants()[0];
            return NODES.textNode(first instanceof WireEnum w ? w.wire() : first.toString());
        }
        if (type.isRecord()) {
            return validBody(type);
        }
        return NODES.nullNode();
    }

    private static List<String> fieldPaths(Class<?> type, String prefix) {
        List<String> paths = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            paths.add(prefix + c.getName());
            if (c.getType().isRecord()) {
                paths.addAll(fieldPaths(c.getType(), prefix + c.getName() + "."));
            }
        }
        return paths;
    }

    /** {@code body} with the field at {@code path} (dotted) set to the raw JSON {@code value}. */
    private static String with(ObjectNode body, String path, String value) {
        return with(body, Map.of(path, value));
    }

    /**
     * {@code body} with fields set to raw JSON text. Markers go into the tree and the values into its text, so
     * escapes such as a lone surrogate's reach the server as sent instead of being decoded by a round trip.
     */
    private static String with(ObjectNode body, Map<String, String> values) {
        ObjectNode copy = body.deepCopy();
        Map<String, String> markers = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            String marker = "@@fuzz-" + markers.size() + "@@";
            markers.put(marker, value);
            parentOf(copy, path).put(leaf(path), marker);
        });
        String text = copy.toString();
        for (Map.Entry<String, String> m : markers.entrySet()) {
            text = text.replace("\"" + m.getKey() + "\"", m.getValue());
        }
        return text;
    }

    private static String without(ObjectNode body, String path) {
        ObjectNode copy = body.deepCopy();
        parentOf(copy, path).remove(leaf(path));
        return copy.toString();
    }

    private static ObjectNode parentOf(ObjectNode root, String path) {
        ObjectNode node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            ObjectNode next = child instanceof ObjectNode object ? object : NODES.objectNode();
            node.set(parts[i], next);
            node = next;
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String quoted(String s) {
        ArrayNode holder = NODES.arrayNode().add(s);
        String json = holder.toString();
        return json.substring(1, json.length() - 1);
    }
}
