package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.voicerooms.server.live.MediaPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, then file, then environment, then flags; and every bad value refused with one line. */
class ConfigLoaderTest {

    private static ServerConfig load(Map<String, String> env, String... args) {
        return ConfigLoader.load(args, env);
    }

    @Test
    void nothingGivenMeansTheDocumentedDefaults() {
        ServerConfig c = load(Map.of());
        assertThat(c).isEqualTo(ServerConfig.builder().build());
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".voicerooms", "server"));
        assertThat(c.mongoUri()).isNull();
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.mode()).isEqualTo("embedded");
        assertThat(c.jwtSecret()).isNull();
        assertThat(c.allowGuests()).isTrue();
        assertThat(c.serverName()).isEqualTo("Voice Rooms");
        assertThat(c.maxParticipantsCap()).isEqualTo(5000);
        assertThat(c.maxSpeakersCap()).isEqualTo(50);
        assertThat(c.roomCreationsPerDay()).isEqualTo(5);
        assertThat(c.pageLimitMax()).isEqualTo(100);
        assertThat(c.tokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(c.refreshTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(c.bcryptCost()).isEqualTo(10);
        assertThat(c.maxBodyBytes()).isEqualTo(65536);
        assertThat(c.effectiveMediaMode()).as("no Janus: a mesh").isEqualTo(MediaPolicy.Mode.MESH);
        assertThat(c.mediaSfuAbove()).isEqualTo(MediaPolicy.DEFAULT_SFU_ABOVE);
        assertThat(load(Map.of(), "--janus-url", "ws://10.0.0.5:8188/").effectiveMediaMode())
                .as("with Janus: auto").isEqualTo(MediaPolicy.Mode.AUTO);
        assertThat(load(Map.of(), "--janus-url", "ws://10.0.0.5:8188/", "--media-mode", "mesh")
                .effectiveMediaMode()).isEqualTo(MediaPolicy.Mode.MESH);
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, """
                # a comment
                port = 1111
                server-name = From file
                bcrypt-cost = 5
                page-limit-max = 50
                allow-guests = false
                """, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("VOICEROOMS_PORT", "2222", "VOICEROOMS_SERVER_NAME", "From env",
                "VOICEROOMS_PAGE_LIMIT_MAX", "60", "VOICEROOMS_MAX_SPEAKERS_CAP", "", "PATH", "/usr/bin");

        ServerConfig c = load(env, "--config", file.toString(), "--port", "3333", "--page-limit-max=70");
        assertThat(c.port()).isEqualTo(3333);
        assertThat(c.pageLimitMax()).isEqualTo(70);
        assertThat(c.serverName()).isEqualTo("From env");
        assertThat(c.bcryptCost()).isEqualTo(5);
        assertThat(c.allowGuests()).isFalse();
        assertThat(c.maxSpeakersCap()).as("an empty variable is not set").isEqualTo(50);

        ServerConfig viaEnv = load(Map.of("VOICEROOMS_CONFIG", file.toString(), "VOICEROOMS_PORT", "2222"));
        assertThat(viaEnv.port()).isEqualTo(2222);
        assertThat(viaEnv.serverName()).isEqualTo("From file");
        assertThat(load(Map.of("VOICEROOMS_CONFIG", file.toString())).port()).isEqualTo(1111);
    }

    @Test
    void everySettingCanBeSetByFlagAndByEnvironment() {
        String[] args = {"--host", "127.0.0.1", "--port", "0", "--data-dir", "/tmp/vr", "--mongo-uri",
            "mongodb://db:27017", "--jwt-secret", "x".repeat(32), "--allow-guests", "no", "--server-name", "LAN",
            "--max-participants-cap", "100", "--max-speakers-cap", "5", "--room-creations-per-day", "9",
            "--page-limit-max", "30", "--token-ttl", "1h", "--refresh-ttl", "2d", "--bcrypt-cost", "4",
            "--max-body-bytes", "2048", "--reconnect-grace", "10s", "--max-room-duration", "2h",
            "--joins-per-minute", "3", "--events-per-second", "7",
            "--ice-servers", "stun:127.0.0.1:3478, turn:127.0.0.1:3478?transport=udp", "--turn-secret", "s3cret",
            "--max-sockets-per-user", "2", "--max-connections-per-ip", "8", "--trusted-proxy-hops", "1",
            "--auth-per-ip-per-minute", "6", "--room-creations-per-ip-per-day", "11", "--joins-per-ip-per-minute",
            "12", "--guest-idle-expiry", "3d", "--outbound-queue-bytes", "100000", "--outbound-queue-frames", "50",
            "--min-request-data-rate", "100", "--member-lease", "1m", "--requests-per-user-per-second", "9",
            "--speaking-changes-per-second", "2", "--state-participants-max", "50", "--invites-per-hour", "12",
            "--redis-uri", "redis://127.0.0.1:6379", "--node-url", "http://10.0.0.1:8080",
            "--janus-url", "ws://10.0.0.5:8188/, wss://janus.example:8989/ws", "--janus-secret", "jj",
            "--media-mode", "sfu", "--media-sfu-above", "6"};
        ServerConfig expected = new ServerConfig("127.0.0.1", 0, Path.of("/tmp/vr"), "mongodb://db:27017",
                "x".repeat(32), false, "LAN", 100, 5, 9, 30, Duration.ofHours(1), Duration.ofDays(2), 4, 2048,
                Duration.ofSeconds(10), Duration.ofHours(2), 3, 7,
                List.of("stun:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=udp"), "s3cret", 12, null, null, null, null,
                2, 8, 1, 6, 11, 12, Duration.ofDays(3), 100_000, 50, 100, Duration.ofMinutes(1), 9, 2, 50,
                "redis://127.0.0.1:6379", "http://10.0.0.1:8080",
                List.of("ws://10.0.0.5:8188/", "wss://janus.example:8989/ws"), "jj", MediaPolicy.Mode.SFU, 6);
        assertThat(load(Map.of(), args)).isEqualTo(expected);
        assertThat(expected.mode()).isEqualTo("standalone");

        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            env.put("VOICEROOMS_" + args[i].substring(2).toUpperCase(Locale.ROOT).replace('-', '_'),
                    args[i + 1]);
        }
        assertThat(load(env)).isEqualTo(expected);
    }

    @Test
    void unknownSettingsAreRefused(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load(Map.of(), "--prot", "80")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("prot");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "colour=blue\n");
        assertThatThrownBy(() -> load(Map.of(), "--config", file.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> load(Map.of(), "port", "80")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of(), "--port")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> load(Map.of(), "--config", dir.resolve("missing").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(new String[] {"--port", "70000"}, "port"),
                Arguments.of(new String[] {"--port", "-1"}, "port"),
                Arguments.of(new String[] {"--port", "eighty"}, "port"),
                Arguments.of(new String[] {"--bcrypt-cost", "3"}, "bcrypt-cost"),
                Arguments.of(new String[] {"--bcrypt-cost", "32"}, "bcrypt-cost"),
                Arguments.of(new String[] {"--jwt-secret", "too-short"}, "jwt-secret"),
                Arguments.of(new String[] {"--token-ttl", "abc"}, "token-ttl"),
                Arguments.of(new String[] {"--token-ttl", "10x"}, "token-ttl"),
                Arguments.of(new String[] {"--token-ttl", ""}, "token-ttl"),
                Arguments.of(new String[] {"--token-ttl", "30s"}, "token-ttl"),
                Arguments.of(new String[] {"--token-ttl", "2h", "--refresh-ttl", "1h"}, "refresh-ttl"),
                Arguments.of(new String[] {"--allow-guests", "maybe"}, "allow-guests"),
                Arguments.of(new String[] {"--mongo-uri", "http://db"}, "mongo-uri"),
                Arguments.of(new String[] {"--page-limit-max", "0"}, "page-limit-max"),
                Arguments.of(new String[] {"--max-body-bytes", "10"}, "max-body-bytes"),
                Arguments.of(new String[] {"--room-creations-per-day", "0"}, "room-creations-per-day"),
                Arguments.of(new String[] {"--server-name", " "}, "server-name"),
                Arguments.of(new String[] {"--reconnect-grace", "1h"}, "reconnect-grace"),
                Arguments.of(new String[] {"--ice-servers", "http://stun.example:3478"}, "ice-servers"),
                Arguments.of(new String[] {"--ice-servers", "stun:"}, "ice-servers"),
                Arguments.of(new String[] {"--redis-uri", "http://redis:6379", "--jwt-secret", "x".repeat(32)},
                        "redis-uri"),
                Arguments.of(new String[] {"--redis-uri", "redis://redis:6379"}, "jwt-secret"),
                Arguments.of(new String[] {"--node-url", "node2:8080"}, "node-url"),
                Arguments.of(new String[] {"--janus-url", "http://janus:8088/janus"}, "janus-url"),
                Arguments.of(new String[] {"--janus-url", "ws://"}, "janus-url"),
                Arguments.of(new String[] {"--media-mode", "sfu"}, "media-mode sfu needs janus-url"),
                Arguments.of(new String[] {"--media-mode", "mcu"}, "media-mode"),
                Arguments.of(new String[] {"--media-sfu-above", "1"}, "media-sfu-above"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badValues")
    void badValuesAreRefusedWithOneLineNamingTheSetting(String[] args, String setting) {
        assertThatThrownBy(() -> load(Map.of(), args)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(setting)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(200));
        String[] viaEnvOnly = Arrays.copyOf(args, 2);
        String env = "VOICEROOMS_" + viaEnvOnly[0].substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
        if (!viaEnvOnly[1].isBlank() && args.length == 2) {
            assertThatThrownBy(() -> load(Map.of(env, viaEnvOnly[1]))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(setting);
        }
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "12h, PT12H", "7d, PT168H", "PT1H, PT1H", "pt90m, PT1H30M",
        " 2H , PT2H"})
    void durationsReadAsDocumented(String text, String expected) {
        assertThat(ConfigLoader.duration("reconnect-grace", text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void durationsReachTheConfig() {
        ServerConfig c = load(Map.of(), "--reconnect-grace", "30s", "--token-ttl", "15m", "--max-room-duration",
                "12h", "--refresh-ttl", "7d");
        assertThat(c.reconnectGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.maxRoomDuration()).isEqualTo(Duration.ofHours(12));
        assertThat(c.refreshTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(load(Map.of(), "--token-ttl", "PT1H").tokenTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        String help = ConfigLoader.help();
        for (var component : ServerConfig.class.getRecordComponents()) {
            String flag = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            assertThat(help).as("help for %s", component.getName())
                    .contains("--" + flag + " ")
                    .contains("VOICEROOMS_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        assertThat(help).contains("--config", "--help");
    }

    @Test
    void mainPrintsHelpAndRefusesBadConfigurationWithExitCode2() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"--help"}, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ConfigLoader.help());

        assertThat(Main.run(new String[] {"--port", "70000"}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("voicerooms-server: ").contains("port")
                .hasLineCount(1);
    }
}
