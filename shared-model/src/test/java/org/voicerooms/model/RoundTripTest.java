package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * Every record of the shared model survives JSON and back with the shared mapper, and its JSON object carries
 * exactly its components by name. The records are found on the class path, so a record added without a sample
 * fails {@link #everyWireRecordHasASample()}.
 */
class RoundTripTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    static Stream<Named<Object>> samples() {
        return Samples.all().map(s -> Named.of(s.getClass().getSimpleName(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parsesBackToAnEqualRecord(Object sample) throws Exception {
        String json = MAPPER.writeValueAsString(sample);

        assertThat(MAPPER.readValue(json, sample.getClass())).as(json).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesEveryComponentUnderItsOwnName(Object sample) throws Exception {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        for (RecordComponent c : components) {
            assertThat(c.getAccessor().invoke(sample)).as("sample %s.%s", sample.getClass().getSimpleName(),
                    c.getName()).isNotNull();
        }
        JsonNode json = MAPPER.valueToTree(sample);

        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        names.addAll(aliases(sample.getClass()));
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(names);
    }

    /** The seed's names a record also sends: its read-only {@code @JsonProperty} methods. */
    private static Set<String> aliases(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .map(m -> m.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class))
                .filter(a -> a != null && a.access() == com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
                .map(com.fasterxml.jackson.annotation.JsonProperty::value).collect(Collectors.toSet());
    }

    @Test
    void everyWireRecordHasASample() throws Exception {
        Set<Class<?>> sampled = Samples.all().map(Object::getClass).collect(Collectors.toSet());

        List<Class<?>> records = wireRecords();

        assertThat(records).hasSizeGreaterThan(50).allSatisfy(r -> assertThat(sampled).as("samples").contains(r));
        assertThat(Samples.all().map(Object::getClass)).as("one sample per record").doesNotHaveDuplicates();
    }

    @Test
    void roomKeepsTheIsRecordedNameAndWireEnums() throws Exception {
        JsonNode json = MAPPER.valueToTree(Samples.room());

        assertThat(json.path("isRecorded").isBoolean()).isTrue();
        assertThat(json.has("recorded")).isFalse();
        assertThat(json.path("type").asText()).isEqualTo("friends-only");
        assertThat(json.path("category").asText()).isEqualTo("music");
        assertThat(json.path("status").asText()).isEqualTo("ended");
        assertThat(json.path("scheduledFor").asText()).isEqualTo("2030-05-06T18:00:00.123Z");
        assertThat(json.path("totalSpeakTime").isIntegralNumber()).isTrue();
    }

    @Test
    void participantHasTheExactWireShape() throws Exception {
        Participant p = new Participant(Samples.LISTENER_ID, "Linus", Role.LISTENER, true, false, true,
                Samples.T0, Samples.T0.minusSeconds(60));

        assertThat(MAPPER.writeValueAsString(p)).isEqualTo("{\"userId\":\"665f1c2ab3d4e5f607182903\","
                + "\"displayName\":\"Linus\",\"role\":\"listener\",\"muted\":true,\"speaking\":false,"
                + "\"handRaised\":true,\"handRaisedAt\":\"2030-05-06T18:00:00.123Z\","
                + "\"joinedAt\":\"2030-05-06T17:59:00.123Z\"}");
    }

    @Test
    void absentOptionalFieldsAreLeftOutAndComeBackAsNull() throws Exception {
        Participant handDown = new Participant(Samples.SPEAKER_ID, "Grace", Role.SPEAKER, false, false, false,
                null, Samples.T0);
        IceCandidate endOfCandidates = new IceCandidate(Samples.ROOM_ID, Samples.HOST_ID, "", null, null);

        String participant = MAPPER.writeValueAsString(handDown);
        String candidate = MAPPER.writeValueAsString(endOfCandidates);

        assertThat(participant).doesNotContain("handRaisedAt");
        assertThat(MAPPER.readValue(participant, Participant.class)).isEqualTo(handDown);
        assertThat(candidate).doesNotContain("sdpMid").doesNotContain("sdpMLineIndex");
        assertThat(MAPPER.readValue(candidate, IceCandidate.class)).isEqualTo(endOfCandidates);
    }

    @Test
    void partialSettingsOfAPatchKeepTheirNulls() throws Exception {
        RoomSettings patch = RoomSettings.titled("New title");

        String json = MAPPER.writeValueAsString(patch);

        assertThat(json).isEqualTo("{\"title\":\"New title\"}");
        assertThat(MAPPER.readValue(json, RoomSettings.class)).isEqualTo(patch);
    }

    /** The records compiled from src/main, except generic ones (Page, tested in PageTest; Event, never sent). */
    private static List<Class<?>> wireRecords() throws IOException, URISyntaxException {
        Path root = Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(RoundTripTest::load).filter(Class::isRecord)
                    .filter(c -> c.getTypeParameters().length == 0)
                    .sorted(Comparator.comparing(Class::getName)).collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
