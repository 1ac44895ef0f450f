package org.voicerooms.server.media;

import io.javalin.config.RoutesConfig;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.voicerooms.model.server.IceServers;
import org.voicerooms.model.server.IceServers.IceServer;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.http.Caller;

/**
 * {@code GET /api/ice-servers}: the configured STUN servers, and TURN servers with short-lived credentials in the
 * TURN REST API scheme that coturn implements ({@code use-auth-secret}): user name {@code <expiry>:<userId>},
 * password base64(HMAC-SHA1(secret, user name)). The secret never leaves the server.
 */
public final class IceServersRoutes {

    static final Duration TTL = Duration.ofHours(12);

    private final ServerConfig config;
    private final Clock clock;

    public IceServersRoutes(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/ice-servers", ctx -> ctx.json(forUser(Caller.of(ctx).userId())));
    }

    /** The list one user gets now. */
    IceServers forUser(String userId) {
        List<String> stun = new ArrayList<>();
        List<String> turn = new ArrayList<>();
        for (String url : config.iceServers()) {
            (url.startsWith("turn") ? turn : stun).add(url);
        }
        List<IceServer> out = new ArrayList<>();
        if (!stun.isEmpty()) {
            out.add(new IceServer(stun, null, null));
        }
        if (!turn.isEmpty() && config.turnSecret() != null) {
            String username = (clock.instant().plus(TTL).getEpochSecond()) + ":" + userId;
            out.add(new IceServer(turn, username, hmac(config.turnSecret(), username)));
        }
        return new IceServers(out, TTL.toSeconds());
    }

    static String hmac(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
