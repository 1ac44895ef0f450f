package org.voicerooms.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.voicerooms.server.live.MediaPolicy;
import org.voicerooms.model.rooms.RoomRules;

/**
 * Everything a server needs to start, immutable. Build one with {@link #builder()}; every field has a documented
 * default. {@link ConfigLoader} layers a file, the environment and command-line flags over the defaults.
 *
 * @param host                address to bind; default {@code 0.0.0.0} (all interfaces)
 * @param port                port to bind; 0 picks a free one; default 8080
 * @param dataDir             where the embedded database and the generated JWT secret live; default
 *                            {@code ~/.voicerooms/server}
 * @param mongoUri            an external MongoDB; null (default) starts the embedded database in {@code dataDir}
 * @param jwtSecret           HS256 secret of at least 32 bytes; null (default) generates one and keeps it in
 *                            {@code dataDir}
 * @param allowGuests         whether display-name-only sign-in is open; default true
 * @param serverName          shown to clients; default "Voice Rooms"
 * @param maxParticipantsCap  highest maxParticipants a room may ask for; default 5000
 * @param maxSpeakersCap      highest maxSpeakers a room may ask for; default 50
 * @param roomCreationsPerDay rooms one user may create in 24 hours; default 5
 * @param pageLimitMax        highest page size of any list; default 100
 * @param tokenTtl            lifetime of an access token; default 12 hours
 * @param refreshTtl          lifetime of a refresh token; default 30 days
 * @param bcryptCost          bcrypt work factor, 4..31; default 10
 * @param maxBodyBytes        largest accepted request body; default 65536
 * @param reconnectGrace      how long a dropped participant keeps their seat, role and hand; default 30 s
 * @param maxRoomDuration     live rooms end after this long; default 12 hours
 * @param joinsPerMinute      room joins one user may make per minute; default 10
 * @param eventsPerSecond     realtime events one connection may send per second (burst twice that); default 20
 * @param iceServers          STUN/TURN URLs handed to clients by {@code GET /api/ice-servers}; default none (LAN:
 *                            host candidates suffice)
 * @param turnSecret          shared secret of a TURN server using the TURN REST API scheme (coturn's
 *                            {@code use-auth-secret}); null (default) hands out no TURN credentials
 * @param invitesPerHour      room invitations one user may send per hour; default 30
 * @param tlsCert             PEM certificate chain for HTTPS/WSS, with {@code tlsKey}; null (default): plain HTTP
 * @param tlsKey              PKCS#8 PEM private key of {@code tlsCert}
 * @param tlsKeystore         PKCS#12 or JKS keystore for HTTPS/WSS, instead of the PEM pair
 * @param tlsKeystorePassword password of {@code tlsKeystore} and its key
 * @param maxSocketsPerUser   realtime connections one user may hold open at once; default 4
 * @param maxConnectionsPerIp open realtime connections from one client address; default 50
 * @param trustedProxyHops    reverse proxies in front of the server whose {@code X-Forwarded-For} entries are
 *                            trusted; 0 (default) uses the peer address
 * @param authPerIpPerMinute  sign-ins, registrations, guest sign-ins and refreshes one client address may make
 *                            per minute; default 20
 * @param roomCreationsPerIpPerDay rooms one client address may create in 24 hours; default 20
 * @param joinsPerIpPerMinute room joins one client address may make per minute; default 60
 * @param guestIdleExpiry     guest accounts unused this long are deleted and their rooms ended; default 30 days
 * @param outboundQueueBytes  bytes waiting to be sent to one realtime connection before it is closed as a slow
 *                            reader; default 1 MiB
 * @param outboundQueueFrames frames waiting to be sent to one realtime connection before it is closed; default 1000
 * @param minRequestDataRate  bytes per second a request body must at least arrive at; default 1024
 * @param memberLease         how long a member joined over REST without a realtime connection keeps the seat unless
 *                            renewed (by joining again or acting in the room); default 2 minutes
 * @param requestsPerUserPerSecond REST requests one signed-in user may make per second (burst twice that); default 20
 * @param speakingChangesPerSecond speaking and mute changes of one member broadcast per second; faster changes are
 *                            coalesced to the latest; default 4
 * @param stateParticipantsMax participants listed in a room:state; the rest are paged from GET
 *                            /api/rooms/:id/participants; default 200
 * @param redisUri            the Redis of a cluster ({@code redis://host:6379}); null (default) keeps one server's live
 *                            state in memory. With it every node of the cluster shares rooms, rate limits and the
 *                            node list through this Redis (docs/CLUSTER.md)
 * @param nodeUrl             where clients reach this node directly, listed by {@code GET /api/server} in a cluster;
 *                            null (default) derives it from the host name and the bound port
 * @param janusUrl            WebSocket API URLs of Janus gateways ({@code ws://host:8188/}) whose VideoRoom plugin
 *                            carries large rooms' audio; rooms are spread over them; default none (mesh only)
 * @param janusSecret         the Janus API secret ({@code api_secret} in janus.jcfg); null: none
 * @param mediaMode           how rooms' audio flows: {@code mesh}, {@code sfu} (through Janus) or {@code auto} (a mesh
 *                            that moves to Janus past {@code mediaSfuAbove}); null (default): {@code auto} with
 *                            {@link #janusUrl}, {@code mesh} without. See {@link #effectiveMediaMode()}
 * @param mediaSfuAbove       in {@code auto}, a room moves to Janus once it has more participants than this; default
 *                            {@link MediaPolicy#DEFAULT_SFU_ABOVE}
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String mongoUri,
        String jwtSecret,
        boolean allowGuests,
        String serverName,
        int maxParticipantsCap,
        int maxSpeakersCap,
        int roomCreationsPerDay,
        int pageLimitMax,
        Duration tokenTtl,
        Duration refreshTtl,
        int bcryptCost,
        int maxBodyBytes,
        Duration reconnectGrace,
        Duration maxRoomDuration,
        int joinsPerMinute,
        int eventsPerSecond,
        List<String> iceServers,
        String turnSecret,
        int invitesPerHour,
        Path tlsCert,
        Path tlsKey,
        Path tlsKeystore,
        String tlsKeystorePassword,
        int maxSocketsPerUser,
        int maxConnectionsPerIp,
        int trustedProxyHops,
        int authPerIpPerMinute,
        int roomCreationsPerIpPerDay,
        int joinsPerIpPerMinute,
        Duration guestIdleExpiry,
        int outboundQueueBytes,
        int outboundQueueFrames,
        int minRequestDataRate,
        Duration memberLease,
        int requestsPerUserPerSecond,
        int speakingChangesPerSecond,
        int stateParticipantsMax,
        String redisUri,
        String nodeUrl,
        List<String> janusUrl,
        String janusSecret,
        MediaPolicy.Mode mediaMode,
        int mediaSfuAbove) {

    public ServerConfig {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        janusUrl = janusUrl == null ? List.of() : List.copyOf(janusUrl);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(refreshTtl, "refreshTtl");
        Objects.requireNonNull(reconnectGrace, "reconnectGrace");
        Objects.requireNonNull(maxRoomDuration, "maxRoomDuration");
        Objects.requireNonNull(guestIdleExpiry, "guestIdleExpiry");
        Objects.requireNonNull(memberLease, "memberLease");
    }

    /** Whether the server runs its own in-process database (no {@link #mongoUri()}). */
    public boolean embeddedDatabase() {
        return mongoUri == null;
    }

    /** "embedded" or "standalone", as reported by {@code GET /api/server}. */
    public String mode() {
        return embeddedDatabase() ? "embedded" : "standalone";
    }

    /** Whether this server is one node of a cluster sharing live state through Redis ({@link #redisUri()}). */
    public boolean clustered() {
        return redisUri != null;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).dataDir(dataDir).mongoUri(mongoUri).jwtSecret(jwtSecret)
                .allowGuests(allowGuests).serverName(serverName).maxParticipantsCap(maxParticipantsCap)
                .maxSpeakersCap(maxSpeakersCap).roomCreationsPerDay(roomCreationsPerDay).pageLimitMax(pageLimitMax)
                .tokenTtl(tokenTtl).refreshTtl(refreshTtl).bcryptCost(bcryptCost).maxBodyBytes(maxBodyBytes)
                .reconnectGrace(reconnectGrace).maxRoomDuration(maxRoomDuration).joinsPerMinute(joinsPerMinute)
                .eventsPerSecond(eventsPerSecond).iceServers(iceServers).turnSecret(turnSecret)
                .invitesPerHour(invitesPerHour)
                .tlsCert(tlsCert).tlsKey(tlsKey).tlsKeystore(tlsKeystore).tlsKeystorePassword(tlsKeystorePassword)
                .maxSocketsPerUser(maxSocketsPerUser).maxConnectionsPerIp(maxConnectionsPerIp)
                .trustedProxyHops(trustedProxyHops).authPerIpPerMinute(authPerIpPerMinute)
                .roomCreationsPerIpPerDay(roomCreationsPerIpPerDay).joinsPerIpPerMinute(joinsPerIpPerMinute)
                .guestIdleExpiry(guestIdleExpiry).outboundQueueBytes(outboundQueueBytes)
                .outboundQueueFrames(outboundQueueFrames).minRequestDataRate(minRequestDataRate)
                .memberLease(memberLease).requestsPerUserPerSecond(requestsPerUserPerSecond)
                .speakingChangesPerSecond(speakingChangesPerSecond).stateParticipantsMax(stateParticipantsMax)
                .redisUri(redisUri).nodeUrl(nodeUrl).janusUrl(janusUrl).janusSecret(janusSecret)
                .mediaMode(mediaMode).mediaSfuAbove(mediaSfuAbove);
    }

    /** The media mode in force: the one set, else {@code auto} with Janus and {@code mesh} without. */
    public MediaPolicy.Mode effectiveMediaMode() {
        if (mediaMode != null) {
            return mediaMode;
        }
        return janusUrl.isEmpty() ? MediaPolicy.Mode.MESH : MediaPolicy.Mode.AUTO;
    }

    /** Whether the server speaks HTTPS and WSS. */
    public boolean tls() {
        return tlsCert != null || tlsKeystore != null;
    }

    /** Every setting, with the secrets (JWT and TURN secrets, a password in the MongoDB URI) masked, for logs. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", mongoUri="
                + maskPassword(mongoUri) + ", jwtSecret=" + mask(jwtSecret) + ", allowGuests=" + allowGuests
                + ", serverName=" + serverName + ", maxParticipantsCap=" + maxParticipantsCap + ", maxSpeakersCap="
                + maxSpeakersCap + ", roomCreationsPerDay=" + roomCreationsPerDay + ", pageLimitMax=" + pageLimitMax
                + ", tokenTtl=" + tokenTtl + ", refreshTtl=" + refreshTtl + ", bcryptCost=" + bcryptCost
                + ", maxBodyBytes=" + maxBodyBytes + ", reconnectGrace=" + reconnectGrace + ", maxRoomDuration="
                + maxRoomDuration + ", joinsPerMinute=" + joinsPerMinute + ", eventsPerSecond=" + eventsPerSecond
                + ", iceServers=" + iceServers + ", turnSecret=" + mask(turnSecret) + ", janusUrl=" + janusUrl
                + ", janusSecret=" + mask(janusSecret) + ", mediaMode=" + effectiveMediaMode() + ", mediaSfuAbove="
                + mediaSfuAbove + ", invitesPerHour="
                + invitesPerHour + ", tlsCert=" + tlsCert + ", tlsKey=" + tlsKey + ", tlsKeystore=" + tlsKeystore
                + ", tlsKeystorePassword=" + mask(tlsKeystorePassword) + ", maxSocketsPerUser=" + maxSocketsPerUser
                + ", maxConnectionsPerIp=" + maxConnectionsPerIp + ", trustedProxyHops=" + trustedProxyHops
                + ", authPerIpPerMinute=" + authPerIpPerMinute + ", roomCreationsPerIpPerDay=" + roomCreationsPerIpPerDay
                + ", joinsPerIpPerMinute=" + joinsPerIpPerMinute + ", guestIdleExpiry=" + guestIdleExpiry
                + ", outboundQueueBytes=" + outboundQueueBytes + ", outboundQueueFrames=" + outboundQueueFrames
                + ", minRequestDataRate=" + minRequestDataRate + ", memberLease=" + memberLease
                + ", requestsPerUserPerSecond=" + requestsPerUserPerSecond + ", speakingChangesPerSecond="
                + speakingChangesPerSecond + ", stateParticipantsMax=" + stateParticipantsMax + ", redisUri="
                + maskRedisPassword(redisUri) + ", nodeUrl=" + nodeUrl + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "(hidden)";
    }

    /** {@code mongodb://user:(hidden)@host/db} for {@code mongodb://user:password@host/db}. */
    private static String maskPassword(String uri) {
        return uri == null ? null : uri.replaceFirst("^(mongodb(?:\\+srv)?://[^:/@]*):[^@/]*@", "$1:(hidden)@");
    }

    /** {@code redis://user:(hidden)@host} for {@code redis://user:password@host} (and {@code redis://:password@}). */
    private static String maskRedisPassword(String uri) {
        return uri == null ? null : uri.replaceFirst("^(rediss?://[^:/@]*):[^@/]*@", "$1:(hidden)@");
    }

    /** Mutable companion of {@link ServerConfig}; not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private Path dataDir = Path.of(System.getProperty("user.home"), ".voicerooms", "server");
        private String mongoUri;
        private String jwtSecret;
        private boolean allowGuests = true;
        private String serverName = "Voice Rooms";
        private int maxParticipantsCap = RoomRules.DEFAULT_PARTICIPANT_CAP;
        private int maxSpeakersCap = RoomRules.DEFAULT_SPEAKER_CAP;
        private int roomCreationsPerDay = 5;
        private int pageLimitMax = 100;
        private Duration tokenTtl = Duration.ofHours(12);
        private Duration refreshTtl = Duration.ofDays(30);
        private int bcryptCost = 10;
        private int maxBodyBytes = 64 * 1024;
        private List<String> iceServers = List.of();
        private String turnSecret;
        private List<String> janusUrl = List.of();
        private String janusSecret;
        private MediaPolicy.Mode mediaMode;
        private int mediaSfuAbove = MediaPolicy.DEFAULT_SFU_ABOVE;
        private Duration reconnectGrace = Duration.ofSeconds(30);
        private Duration maxRoomDuration = Duration.ofHours(12);
        private int joinsPerMinute = 10;
        private int eventsPerSecond = 20;
        private int invitesPerHour = 30;
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private int maxSocketsPerUser = 4;
        private int maxConnectionsPerIp = 50;
        private int trustedProxyHops = 0;
        private int authPerIpPerMinute = 20;
        private int roomCreationsPerIpPerDay = 20;
        private int joinsPerIpPerMinute = 60;
        private Duration guestIdleExpiry = Duration.ofDays(30);
        private int outboundQueueBytes = 1024 * 1024;
        private int outboundQueueFrames = 1000;
        private int minRequestDataRate = 1024;
        private Duration memberLease = Duration.ofMinutes(2);
        private int requestsPerUserPerSecond = 20;
        private int speakingChangesPerSecond = 4;
        private int stateParticipantsMax = 200;
        private String redisUri;
        private String nodeUrl;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder mongoUri(String value) {
            mongoUri = value;
            return this;
        }

        public Builder jwtSecret(String value) {
            jwtSecret = value;
            return this;
        }

        public Builder allowGuests(boolean value) {
            allowGuests = value;
            return this;
        }

        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        public Builder maxParticipantsCap(int value) {
            maxParticipantsCap = value;
            return this;
        }

        public Builder maxSpeakersCap(int value) {
            maxSpeakersCap = value;
            return this;
        }

        public Builder roomCreationsPerDay(int value) {
            roomCreationsPerDay = value;
            return this;
        }

        public Builder pageLimitMax(int value) {
            pageLimitMax = value;
            return this;
        }

        public Builder tokenTtl(Duration value) {
            tokenTtl = value;
            return this;
        }

        public Builder refreshTtl(Duration value) {
            refreshTtl = value;
            return this;
        }

        public Builder bcryptCost(int value) {
            bcryptCost = value;
            return this;
        }

        public Builder iceServers(List<String> value) {
            iceServers = value;
            return this;
        }

        public Builder turnSecret(String value) {
            turnSecret = value;
            return this;
        }

        public Builder janusUrl(List<String> value) {
            janusUrl = value;
            return this;
        }

        public Builder janusSecret(String value) {
            janusSecret = value;
            return this;
        }

        /** {@code null}: the default ({@link ServerConfig#effectiveMediaMode()}). */
        public Builder mediaMode(MediaPolicy.Mode value) {
            mediaMode = value;
            return this;
        }

        public Builder mediaSfuAbove(int value) {
            mediaSfuAbove = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder reconnectGrace(Duration value) {
            reconnectGrace = value;
            return this;
        }

        public Builder maxRoomDuration(Duration value) {
            maxRoomDuration = value;
            return this;
        }

        public Builder joinsPerMinute(int value) {
            joinsPerMinute = value;
            return this;
        }

        public Builder eventsPerSecond(int value) {
            eventsPerSecond = value;
            return this;
        }

        public Builder invitesPerHour(int value) {
            invitesPerHour = value;
            return this;
        }

        public Builder tlsCert(Path value) {
            tlsCert = value;
            return this;
        }

        public Builder tlsKey(Path value) {
            tlsKey = value;
            return this;
        }

        public Builder tlsKeystore(Path value) {
            tlsKeystore = value;
            return this;
        }

        public Builder tlsKeystorePassword(String value) {
            tlsKeystorePassword = value;
            return this;
        }

        public Builder maxSocketsPerUser(int value) {
            maxSocketsPerUser = value;
            return this;
        }

        public Builder maxConnectionsPerIp(int value) {
            maxConnectionsPerIp = value;
            return this;
        }

        public Builder trustedProxyHops(int value) {
            trustedProxyHops = value;
            return this;
        }

        public Builder authPerIpPerMinute(int value) {
            authPerIpPerMinute = value;
            return this;
        }

        public Builder roomCreationsPerIpPerDay(int value) {
            roomCreationsPerIpPerDay = value;
            return this;
        }

        public Builder joinsPerIpPerMinute(int value) {
            joinsPerIpPerMinute = value;
            return this;
        }

        public Builder guestIdleExpiry(Duration value) {
            guestIdleExpiry = value;
            return this;
        }

        public Builder outboundQueueBytes(int value) {
            outboundQueueBytes = value;
            return this;
        }

        public Builder outboundQueueFrames(int value) {
            outboundQueueFrames = value;
            return this;
        }

        public Builder minRequestDataRate(int value) {
            minRequestDataRate = value;
            return this;
        }

        public Builder memberLease(Duration value) {
            memberLease = value;
            return this;
        }

        public Builder requestsPerUserPerSecond(int value) {
            requestsPerUserPerSecond = value;
            return this;
        }

        public Builder speakingChangesPerSecond(int value) {
            speakingChangesPerSecond = value;
            return this;
        }

        public Builder stateParticipantsMax(int value) {
            stateParticipantsMax = value;
            return this;
        }

        public Builder redisUri(String value) {
            redisUri = value;
            return this;
        }

        public Builder nodeUrl(String value) {
            nodeUrl = value;
            return this;
        }

        /** The config; call {@link ConfigLoader#validate} to check it before starting. */
        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, mongoUri, jwtSecret, allowGuests, serverName,
                    maxParticipantsCap, maxSpeakersCap, roomCreationsPerDay, pageLimitMax, tokenTtl, refreshTtl,
                    bcryptCost, maxBodyBytes, reconnectGrace, maxRoomDuration, joinsPerMinute, eventsPerSecond,
                    iceServers, turnSecret, invitesPerHour, tlsCert, tlsKey, tlsKeystore, tlsKeystorePassword,
                    maxSocketsPerUser, maxConnectionsPerIp, trustedProxyHops,
                    authPerIpPerMinute, roomCreationsPerIpPerDay, joinsPerIpPerMinute, guestIdleExpiry,
                    outboundQueueBytes, outboundQueueFrames, minRequestDataRate, memberLease, requestsPerUserPerSecond,
                    speakingChangesPerSecond, stateParticipantsMax, redisUri, nodeUrl, janusUrl, janusSecret,
                    mediaMode, mediaSfuAbove);
        }
    }
}
