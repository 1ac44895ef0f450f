package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomType;

/**
 * Every record of the shared model survives JSON and back with the shared mapper. The records are found on the
 * class path, so a new record is covered the day it is added; samples fill every component with a non-default
 * value so a field that fails to serialize shows up as a difference.
 */
class RoundTripTest {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final Instant AT = Instant.parse("2030-05-06T07:08:09.123Z");

    static Stream<Class<?>> records() throws IOException, URISyntaxException {
        Path root = Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(RoundTripTest::load).filter(Class::isRecord)
                    .filter(c -> c.getTypeParameters().length == 0) // Page<T> and Event<T> are covered below
                    .sorted(java.util.Comparator.comparing(Class::getName)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordRoundTrips(Class<?> type) throws Exception {
        Object sample = sample(type);
        String json = MAPPER.writeValueAsString(sample);
        assertThat(MAPPER.readValue(json, type)).as(json).isEqualTo(sample);
    }

    @Test
    void theModelHoldsTheRecordsOfEveryEndpointAndEvent() throws Exception {
        assertThat(records().count()).isGreaterThan(50);
    }

    @Test
    void pagesRoundTripWithTheirItems() throws Exception {
        Page<RoomRef> page = Page.of(List.of(new RoomRef("0123456789abcdef01234567")), 2, 1, 5);
        String json = MAPPER.writeValueAsString(page);
        Page<RoomRef> back = MAPPER.readValue(json, MAPPER.getTypeFactory()
                .constructParametricType(Page.class, RoomRef.class));
        assertThat(back).isEqualTo(page);
        assertThat(back.hasMore()).isTrue();
    }

    @Test
    void roomUsesTheSeedsWireNames() throws Exception {
        Room room = (Room) sample(Room.class);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(room));
        assertThat(json.has("isRecorded")).isTrue();
        assertThat(json.has("recorded")).isFalse();
        assertThat(json.path("startedAt").asText()).isEqualTo("2030-05-06T07:08:09.123Z");
        String friendsOnly = MAPPER.writeValueAsString(RoomType.FRIENDS_ONLY);
        assertThat(friendsOnly).isEqualTo("\"friends-only\"");
    }

    @Test
    void errorBodiesHaveTheOneShape() throws Exception {
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(ErrorBody.of(ErrorCode.ROOM_FULL, "full")));
        assertThat(json.toString()).isEqualTo("{\"error\":{\"code\":\"ROOM_FULL\",\"message\":\"full\"}}");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sample value of {@code type} with every field set to something other than its default. */
    static Object sample(Type type) throws Exception {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(sample(p.getActualTypeArguments()[0]));
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "0123456789abcdef01234567"; // valid wherever an id is expected
        }
        if (c == int.class || c == Integer.class) {
            return 7;
        }
        if (c == long.class || c == Long.class) {
            return 7L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == double.class || c == Double.class) {
            return 0.5;
        }
        if (c == Instant.class) {
            return AT;
        }
        if (c.isEnum()) {
            Object[] values = c.getEnumConstants();
            return values[values.length - 1];
        }
        if (c == RoomPermissions.class || c == RoomPrivacy.class) {
            return c.getConstructor(boolean.class, boolean.class, boolean.class).newInstance(true, false, true);
        }
        if (c.isRecord()) {
            RecordComponent[] parts = c.getRecordComponents();
            Object[] args = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                args[i] = sample(parts[i].getGenericType());
                types[i] = parts[i].getType();
            }
            return c.getDeclaredConstructor(types).newInstance(args);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
