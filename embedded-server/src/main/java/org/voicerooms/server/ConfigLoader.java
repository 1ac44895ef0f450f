package org.voicerooms.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.voicerooms.server.live.MediaPolicy;

/**
 * Builds a {@link ServerConfig} from defaults, then a properties file, then the environment, then command-line
 * flags, each overriding the one before. Every setting has one name used in all three places: {@code port} is
 * {@code port=} in the file, {@code VOICEROOMS_PORT} in the environment and {@code --port} on the command line.
 * The file is named by {@code --config FILE} or {@code VOICEROOMS_CONFIG}.
 */
public final class ConfigLoader {

    private record Setting(String name, String help, BiConsumer<ServerConfig.Builder, String> apply) {
        String env() {
            return "VOICEROOMS_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("host", "address to bind (default 0.0.0.0)", ServerConfig.Builder::host),
            new Setting("port", "port to bind, 0 = any free port (default 8080)",
                    (b, v) -> b.port(integer("port", v))),
            new Setting("data-dir", "embedded database and generated secret (default ~/.voicerooms/server)",
                    (b, v) -> b.dataDir(Path.of(v))),
            new Setting("mongo-uri", "external MongoDB, e.g. mongodb://db:27017 (default: embedded database)",
                    ServerConfig.Builder::mongoUri),
            new Setting("jwt-secret", "HS256 secret, at least 32 bytes (default: generated in data-dir)",
                    ServerConfig.Builder::jwtSecret),
            new Setting("jwt-secret-file", "a file holding the jwt-secret, kept out of the process list",
                    (b, v) -> b.jwtSecret(secretFile("jwt-secret-file", v))),
            new Setting("allow-guests", "allow display-name-only sign-in: true|false (default true)",
                    (b, v) -> b.allowGuests(bool("allow-guests", v))),
            new Setting("server-name", "name shown to clients (default Voice Rooms)", ServerConfig.Builder::serverName),
            new Setting("max-participants-cap", "highest maxParticipants of a room (default 5000)",
                    (b, v) -> b.maxParticipantsCap(integer("max-participants-cap", v))),
            new Setting("max-speakers-cap", "highest maxSpeakers of a room (default 50)",
                    (b, v) -> b.maxSpeakersCap(integer("max-speakers-cap", v))),
            new Setting("room-creations-per-day", "rooms one user may create in 24 h (default 5)",
                    (b, v) -> b.roomCreationsPerDay(integer("room-creations-per-day", v))),
            new Setting("page-limit-max", "largest page size of any list (default 100)",
                    (b, v) -> b.pageLimitMax(integer("page-limit-max", v))),
            new Setting("token-ttl", "access token lifetime, e.g. 12h, 30m, PT1H (default 12h)",
                    (b, v) -> b.tokenTtl(duration("token-ttl", v))),
            new Setting("refresh-ttl", "refresh token lifetime (default 30d)",
                    (b, v) -> b.refreshTtl(duration("refresh-ttl", v))),
            new Setting("bcrypt-cost", "bcrypt work factor 4..31 (default 10)",
                    (b, v) -> b.bcryptCost(integer("bcrypt-cost", v))),
            new Setting("max-body-bytes", "largest request body (default 65536)",
                    (b, v) -> b.maxBodyBytes(integer("max-body-bytes", v))),
            new Setting("reconnect-grace", "how long a dropped participant keeps their seat (default 30s)",
                    (b, v) -> b.reconnectGrace(duration("reconnect-grace", v))),
            new Setting("max-room-duration", "live rooms end after this long (default 12h)",
                    (b, v) -> b.maxRoomDuration(duration("max-room-duration", v))),
            new Setting("joins-per-minute", "room joins one user may make per minute (default 10)",
                    (b, v) -> b.joinsPerMinute(integer("joins-per-minute", v))),
            new Setting("events-per-second", "realtime events one connection may send per second (default 20)",
                    (b, v) -> b.eventsPerSecond(integer("events-per-second", v))),
            new Setting("ice-servers", "comma-separated stun:/turn:/turns: URLs for clients (default none)",
                    (b, v) -> b.iceServers(iceUrls(v))),
            new Setting("turn-secret", "TURN REST API shared secret for short-lived TURN credentials (default none)",
                    ServerConfig.Builder::turnSecret),
            new Setting("janus-url", "comma-separated Janus WebSocket API URLs (ws:// or wss://) for SFU rooms (default"
                    + " none: mesh only)", (b, v) -> b.janusUrl(janusUrl(v))),
            new Setting("janus-secret", "the Janus API secret (api_secret in janus.jcfg; default none)",
                    ServerConfig.Builder::janusSecret),
            new Setting("media-mode", "rooms' audio: mesh|sfu|auto (default auto with janus-url, mesh without)",
                    (b, v) -> b.mediaMode(mediaMode(v))),
            new Setting("media-sfu-above", "in auto, a room moves to Janus past this many participants (default "
                    + MediaPolicy.DEFAULT_SFU_ABOVE + ")", (b, v) -> b.mediaSfuAbove(integer("media-sfu-above", v))),
            new Setting("invites-per-hour", "room invitations one user may send per hour (default 30)",
                    (b, v) -> b.invitesPerHour(integer("invites-per-hour", v))),
            new Setting("tls-cert", "PEM certificate chain: serve HTTPS and WSS (with tls-key; default plain HTTP)",
                    (b, v) -> b.tlsCert(Path.of(v))),
            new Setting("tls-key", "PKCS#8 PEM private key of tls-cert", (b, v) -> b.tlsKey(Path.of(v))),
            new Setting("tls-keystore", "PKCS#12 or JKS keystore: serve HTTPS and WSS (instead of the PEM pair)",
                    (b, v) -> b.tlsKeystore(Path.of(v))),
            new Setting("tls-keystore-password", "password of tls-keystore and its key",
                    ServerConfig.Builder::tlsKeystorePassword),
            new Setting("max-sockets-per-user", "open realtime connections per user (default 4)",
                    (b, v) -> b.maxSocketsPerUser(integer("max-sockets-per-user", v))),
            new Setting("max-connections-per-ip", "open realtime connections per client address (default 50)",
                    (b, v) -> b.maxConnectionsPerIp(integer("max-connections-per-ip", v))),
            new Setting("trusted-proxy-hops", "reverse proxies whose X-Forwarded-For is trusted (default 0)",
                    (b, v) -> b.trustedProxyHops(integer("trusted-proxy-hops", v))),
            new Setting("auth-per-ip-per-minute", "POST /api/auth/* per client address per minute (default 20)",
                    (b, v) -> b.authPerIpPerMinute(integer("auth-per-ip-per-minute", v))),
            new Setting("room-creations-per-ip-per-day", "rooms one client address may create in 24 h (default 20)",
                    (b, v) -> b.roomCreationsPerIpPerDay(integer("room-creations-per-ip-per-day", v))),
            new Setting("joins-per-ip-per-minute", "room joins per client address per minute (default 60)",
                    (b, v) -> b.joinsPerIpPerMinute(integer("joins-per-ip-per-minute", v))),
            new Setting("guest-idle-expiry", "delete guest accounts idle this long, ending their rooms (default 30d)",
                    (b, v) -> b.guestIdleExpiry(duration("guest-idle-expiry", v))),
            new Setting("outbound-queue-bytes", "bytes queued to a slow connection before closing it (default 1048576)",
                    (b, v) -> b.outboundQueueBytes(integer("outbound-queue-bytes", v))),
            new Setting("outbound-queue-frames", "frames queued to a slow connection before closing it (default 1000)",
                    (b, v) -> b.outboundQueueFrames(integer("outbound-queue-frames", v))),
            new Setting("min-request-data-rate", "slowest request body in bytes/s, 0 = off (default 1024)",
                    (b, v) -> b.minRequestDataRate(integer("min-request-data-rate", v))),
            new Setting("member-lease", "seat lease of REST joins without a connection (default 2m)",
                    (b, v) -> b.memberLease(duration("member-lease", v))),
            new Setting("requests-per-user-per-second", "REST requests per user per second (default 20)",
                    (b, v) -> b.requestsPerUserPerSecond(integer("requests-per-user-per-second", v))),
            new Setting("speaking-changes-per-second", "speaking/mute broadcasts per member per second (default 4)",
                    (b, v) -> b.speakingChangesPerSecond(integer("speaking-changes-per-second", v))),
            new Setting("state-participants-max", "participants listed in room:state (default 200)",
                    (b, v) -> b.stateParticipantsMax(integer("state-participants-max", v))),
            new Setting("redis-uri", "Redis of a cluster, e.g. redis://redis:6379 (default: one server, no Redis)",
                    ServerConfig.Builder::redisUri),
            new Setting("node-url", "where clients reach this node in a cluster (default http(s)://HOSTNAME:PORT)",
                    ServerConfig.Builder::nodeUrl));

    /** The secret in {@code file}, without surrounding whitespace. */
    private static String secretFile(String name, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(name + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> iceUrls(String value) {
        List<String> urls = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            if (!url.matches("(stun|stuns|turn|turns):[^\\s]+")) {
                throw new ConfigException("ice-servers: '" + url + "' is not a stun:, stuns:, turn: or turns: URL");
            }
            urls.add(url);
        }
        return urls;
    }

    private static List<String> janusUrl(String value) {
        List<String> urls = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            if (!url.matches("wss?://[^\\s/]+(/[^\\s]*)?")) {
                throw new ConfigException("janus-url: '" + url + "' is not a ws:// or wss:// URL");
            }
            urls.add(url);
        }
        return urls;
    }

    private static MediaPolicy.Mode mediaMode(String value) {
        try {
            return MediaPolicy.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media-mode must be mesh, sfu or auto, was '" + value + "'");
        }
    }

    private ConfigLoader() {
    }

    /**
     * The config for these command-line arguments and this environment.
     *
     * @throws ConfigException naming the first bad setting
     */
    public static ServerConfig load(String[] args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        ServerConfig.Builder builder = ServerConfig.builder();
        String file = flags.containsKey("config") ? flags.get("config") : env.get("VOICEROOMS_CONFIG");
        if (file != null) {
            Properties props = readFile(Path.of(file));
            for (String key : props.stringPropertyNames()) {
                setting(key, "in " + file).apply().accept(builder, props.getProperty(key).strip());
            }
        }
        for (Setting s : SETTINGS) {
            String value = env.get(s.env());
            if (value != null && !value.isEmpty()) {
                s.apply().accept(builder, value.strip());
            }
        }
        flags.forEach((name, value) -> {
            if (!name.equals("config")) {
                setting(name, "on the command line").apply().accept(builder, value);
            }
        });
        ServerConfig config = builder.build();
        validate(config);
        return config;
    }

    /** The {@code --help} text: every setting with its flag, environment variable and default. */
    public static String help() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: voicerooms-server [--config FILE] [--SETTING VALUE ...]\n\n")
                .append("Runs the Voice Rooms room server. Settings come from defaults, then FILE (a properties\n")
                .append("file: SETTING=VALUE), then environment variables, then flags; later ones win.\n\n");
        for (Setting s : SETTINGS) {
            out.append(String.format("  --%-24s %s%n  %-26s env %s%n", s.name() + " VALUE", s.help(), "", s.env()));
        }
        out.append("  --help                     this text\n");
        return out.toString();
    }

    /** Checks a config's values; throws {@link ConfigException} naming the first bad one. */
    public static void validate(ServerConfig c) {
        require(c.port() >= 0 && c.port() <= 65535, "port must be 0..65535, was " + c.port());
        require(!c.host().isBlank(), "host must not be empty");
        require(c.jwtSecret() == null || c.jwtSecret().getBytes(StandardCharsets.UTF_8).length >= 32,
                "jwt-secret must be at least 32 bytes");
        require(c.mongoUri() == null || c.mongoUri().startsWith("mongodb://")
                || c.mongoUri().startsWith("mongodb+srv://"), "mongo-uri must start with mongodb:// or mongodb+srv://");
        require(!c.serverName().isBlank() && c.serverName().length() <= 64, "server-name must be 1..64 characters");
        require(c.maxParticipantsCap() >= 2, "max-participants-cap must be at least 2");
        require(c.maxSpeakersCap() >= 1, "max-speakers-cap must be at least 1");
        require(c.roomCreationsPerDay() >= 1, "room-creations-per-day must be at least 1");
        require(c.pageLimitMax() >= 1 && c.pageLimitMax() <= 1000, "page-limit-max must be 1..1000");
        require(c.tokenTtl().compareTo(Duration.ofMinutes(1)) >= 0, "token-ttl must be at least 1 minute");
        require(c.refreshTtl().compareTo(c.tokenTtl()) >= 0, "refresh-ttl must be at least token-ttl");
        require(c.bcryptCost() >= 4 && c.bcryptCost() <= 31, "bcrypt-cost must be 4..31");
        require(!c.reconnectGrace().isNegative() && c.reconnectGrace().compareTo(Duration.ofMinutes(10)) <= 0,
                "reconnect-grace must be 0..10 minutes");
        require(c.maxRoomDuration().compareTo(Duration.ofMinutes(1)) >= 0, "max-room-duration must be at least 1m");
        require(c.joinsPerMinute() >= 1, "joins-per-minute must be at least 1");
        require(c.eventsPerSecond() >= 1, "events-per-second must be at least 1");
        require(c.invitesPerHour() >= 1, "invites-per-hour must be at least 1");
        require((c.tlsCert() == null) == (c.tlsKey() == null), "tls-cert and tls-key go together");
        require(c.tlsCert() == null || c.tlsKeystore() == null, "give tls-cert and tls-key, or tls-keystore, not both");
        for (Path file : new Path[] {c.tlsCert(), c.tlsKey(), c.tlsKeystore()}) {
            require(file == null || Files.isReadable(file), "cannot read the TLS file " + file);
        }
        require(c.maxSocketsPerUser() >= 1, "max-sockets-per-user must be at least 1");
        require(c.maxConnectionsPerIp() >= 1, "max-connections-per-ip must be at least 1");
        require(c.trustedProxyHops() >= 0 && c.trustedProxyHops() <= 10, "trusted-proxy-hops must be 0..10");
        require(c.authPerIpPerMinute() >= 1, "auth-per-ip-per-minute must be at least 1");
        require(c.roomCreationsPerIpPerDay() >= 1, "room-creations-per-ip-per-day must be at least 1");
        require(c.joinsPerIpPerMinute() >= 1, "joins-per-ip-per-minute must be at least 1");
        require(c.guestIdleExpiry().compareTo(c.tokenTtl()) >= 0, "guest-idle-expiry must be at least token-ttl");
        require(c.outboundQueueBytes() >= 64 * 1024, "outbound-queue-bytes must be at least 65536");
        require(c.outboundQueueFrames() >= 16, "outbound-queue-frames must be at least 16");
        require(c.minRequestDataRate() >= 0, "min-request-data-rate must be 0 or more");
        require(c.memberLease().compareTo(Duration.ofSeconds(10)) >= 0, "member-lease must be at least 10s");
        require(c.requestsPerUserPerSecond() >= 1, "requests-per-user-per-second must be at least 1");
        require(c.speakingChangesPerSecond() >= 1, "speaking-changes-per-second must be at least 1");
        require(c.stateParticipantsMax() >= 10, "state-participants-max must be at least 10");
        require(c.redisUri() == null || c.redisUri().startsWith("redis://") || c.redisUri().startsWith("rediss://"),
                "redis-uri must start with redis:// or rediss://");
        require(c.redisUri() == null || c.jwtSecret() != null,
                "a cluster (redis-uri) needs the same explicit jwt-secret or jwt-secret-file on every node");
        require(c.nodeUrl() == null || c.nodeUrl().matches("https?://[^\\s/]+(:\\d+)?/?"),
                "node-url must look like http(s)://host:port");
        require(c.effectiveMediaMode() != MediaPolicy.Mode.SFU || !c.janusUrl().isEmpty(),
                "media-mode sfu needs janus-url (the Janus gateways that carry the audio)");
        require(c.mediaSfuAbove() >= 2, "media-sfu-above must be at least 2");
        require(c.maxBodyBytes() >= 1024 && c.maxBodyBytes() <= 16 * 1024 * 1024,
                "max-body-bytes must be 1024..16777216");
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new ConfigException(reason);
        }
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new ConfigException("--" + name + " needs a value");
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static Setting setting(String name, String where) {
        return SETTINGS.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown setting '" + name + "' " + where + " (see --help)"));
    }

    private static Properties readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return props;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + value + "'");
        };
    }

    static Duration duration(String name, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ConfigException(name + " must be a duration such as 30s, 15m, 12h, 7d or PT12H, was '"
                    + value + "'");
        }
    }
}
