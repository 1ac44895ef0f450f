package org.voicerooms.server.http;

import io.javalin.http.Context;

/**
 * The address a request comes from, for per-address limits. Without proxies it is the peer's address; behind
 * {@code trustedHops} reverse proxies, each appending the address it received from to {@code X-Forwarded-For},
 * it is the entry those proxies did not write: the {@code trustedHops}-th from the right. Entries further left
 * were written by the client and prove nothing, so they are never used.
 */
public final class ClientAddress {

    /** The header proxies append to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final int trustedHops;

    public ClientAddress(int trustedHops) {
        this.trustedHops = trustedHops;
    }

    /** The client address of a request whose TCP peer is {@code peer}; {@code forwardedFor} may be null. */
    public String of(String peer, String forwardedFor) {
        if (trustedHops == 0 || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String chosen = hops[Math.max(0, hops.length - trustedHops)].strip();
        return chosen.isEmpty() || chosen.length() > 64 ? peer : chosen;
    }

    /** The client address of a Javalin request. */
    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header(FORWARDED_FOR));
    }
}
