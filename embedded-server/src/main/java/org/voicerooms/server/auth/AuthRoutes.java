package org.voicerooms.server.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.LoginRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.server.http.AddressLimits;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.JsonBodies;

/** {@code /api/auth/*} (open) and {@code /api/users/me}, {@code /api/users/:id} (signed in). */
public final class AuthRoutes {

    private final AuthService auth;
    private final UserStore users;
    private final JsonBodies bodies;
    private final AddressLimits limits;

    public AuthRoutes(AuthService auth, UserStore users, JsonBodies bodies, AddressLimits limits) {
        this.auth = auth;
        this.users = users;
        this.bodies = bodies;
        this.limits = limits;
    }

    private Handler limited(Handler handler) {
        return ctx -> {
            limits.auth(ctx);
            handler.handle(ctx);
        };
    }

    public void register(RoutesConfig routes) {
        // The address's budget is checked first: it is the cheap check that stands before bcrypt and new accounts.
        routes.post("/api/auth/register", limited(ctx ->
                ctx.status(HttpStatus.CREATED).json(auth.register(bodies.read(ctx, RegisterRequest.class)))));
        routes.post("/api/auth/login", limited(ctx -> ctx.json(auth.login(bodies.read(ctx, LoginRequest.class)))));
        routes.post("/api/auth/guest", limited(ctx ->
                ctx.status(HttpStatus.CREATED).json(auth.guest(bodies.read(ctx, GuestRequest.class)))));
        routes.post("/api/auth/refresh", limited(ctx ->
                ctx.json(auth.refresh(bodies.read(ctx, RefreshRequest.class)))));
        routes.post("/api/auth/logout", ctx -> {
            auth.logout(Caller.of(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.get("/api/users/me", ctx -> ctx.json(auth.me(Caller.of(ctx)).view()));
        routes.get("/api/users/{userId}", ctx -> {
            String id = ctx.pathParam("userId");
            org.voicerooms.model.Check.id("userId", id);
            ctx.json(users.byId(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such user")).view());
        });
    }
}
