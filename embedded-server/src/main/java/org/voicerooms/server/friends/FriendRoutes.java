package org.voicerooms.server.friends;

import io.javalin.config.RoutesConfig;
import org.voicerooms.model.Check;
import org.voicerooms.model.users.FriendRequest;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.JsonBodies;

/** {@code /api/users/me/friends[/:userId]}. */
public final class FriendRoutes {

    private final FriendService friends;
    private final JsonBodies bodies;

    public FriendRoutes(FriendService friends, JsonBodies bodies) {
        this.friends = friends;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/users/me/friends", ctx -> ctx.json(friends.list(Caller.of(ctx).userId())));
        routes.post("/api/users/me/friends", ctx -> {
            FriendRequest body = bodies.read(ctx, FriendRequest.class);
            Check.required("username", body.username());
            ctx.json(friends.requestByUsername(Caller.of(ctx).userId(), body.username()));
        });
        routes.post("/api/users/me/friends/{userId}", ctx ->
                ctx.json(friends.request(Caller.of(ctx).userId(), Check.id("userId", ctx.pathParam("userId")))));
        routes.delete("/api/users/me/friends/{userId}", ctx ->
                ctx.json(friends.remove(Caller.of(ctx).userId(), Check.id("userId", ctx.pathParam("userId")))));
    }
}
