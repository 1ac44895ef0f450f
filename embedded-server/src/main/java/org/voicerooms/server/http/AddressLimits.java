package org.voicerooms.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.live.RateLimits;

/**
 * Limits per client address, on top of the per-user ones: a new identity costs one guest sign-in, so per-user
 * limits alone let one machine mint accounts and rooms without end. Each {@code check} answers RATE_LIMITED when
 * the address has used its budget.
 */
public final class AddressLimits {

    private final ClientAddress addresses;
    private final RateLimits auth;
    private final RateLimits creations;
    private final RateLimits joins;

    public AddressLimits(ServerConfig config, Clock clock) {
        this(config, clock, null);
    }

    /** Limits counted in {@code shared} (null: on this server only), so a cluster's nodes share one budget. */
    public AddressLimits(ServerConfig config, Clock clock, RateLimits.Shared shared) {
        this.addresses = new ClientAddress(config.trustedProxyHops());
        this.auth = new RateLimits(config.authPerIpPerMinute(), Duration.ofMinutes(1),
                "sign-in requests from this address", clock, shared);
        this.creations = new RateLimits(config.roomCreationsPerIpPerDay(), Duration.ofDays(1),
                "rooms created from this address", clock, shared);
        this.joins = new RateLimits(config.joinsPerIpPerMinute(), Duration.ofMinutes(1),
                "room joins from this address", clock, shared);
    }

    /** How client addresses are read (peer or trusted proxy hop). */
    public ClientAddress addresses() {
        return addresses;
    }

    /** One of {@code POST /api/auth/*} from this request's address. */
    public void auth(Context ctx) {
        auth.check(addresses.of(ctx));
    }

    /** One room creation from this request's address. */
    public void creation(Context ctx) {
        creations.check(addresses.of(ctx));
    }

    /** One room join from {@code address}. */
    public void join(String address) {
        joins.check(address);
    }

    /** One room join from this request's address. */
    public void join(Context ctx) {
        join(addresses.of(ctx));
    }

    /** Forgets buckets that refilled. */
    public void prune() {
        auth.prune();
        creations.prune();
        joins.prune();
    }
}
