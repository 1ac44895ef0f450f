package org.voicerooms.server.rooms;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.WireEnum;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.server.http.AddressLimits;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.JsonBodies;
import org.voicerooms.server.http.PageQuery;

/** {@code /api/rooms/*}: lifecycle and discovery lists. */
public final class RoomRoutes {

    private final RoomService rooms;
    private final JsonBodies bodies;
    private final int pageLimitMax;
    private final AddressLimits limits;

    public RoomRoutes(RoomService rooms, JsonBodies bodies, int pageLimitMax, AddressLimits limits) {
        this.rooms = rooms;
        this.bodies = bodies;
        this.pageLimitMax = pageLimitMax;
        this.limits = limits;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/rooms", ctx -> {
            RoomSettings settings = bodies.read(ctx, RoomSettings.class);
            limits.creation(ctx);
            ctx.status(HttpStatus.CREATED).json(rooms.create(Caller.of(ctx), settings));
        });
        routes.get("/api/rooms", ctx -> {
            RoomStatus status = enumParam(ctx, "status", RoomStatus.class, RoomStatus.ACTIVE);
            RoomCategory category = enumParam(ctx, "category", RoomCategory.class, null);
            ctx.json(rooms.list(Caller.of(ctx), status, category, ctx.queryParam("q"), page(ctx)));
        });
        routes.get("/api/rooms/discover", ctx -> ctx.json(rooms.discover(Caller.of(ctx), page(ctx))));
        routes.get("/api/rooms/trending", ctx -> ctx.json(rooms.trending(Caller.of(ctx), page(ctx))));
        routes.get("/api/rooms/friends", ctx -> ctx.json(rooms.withFriends(Caller.of(ctx), page(ctx))));
        routes.get("/api/rooms/upcoming", ctx -> ctx.json(rooms.upcoming(Caller.of(ctx), page(ctx))));
        routes.get("/api/rooms/category/{category}", ctx -> {
            RoomCategory category = WireEnum.parse(RoomCategory.class, ctx.pathParam("category"))
                    .orElseThrow(() -> ApiException.invalid("category", "category must be one of "
                            + java.util.Arrays.stream(RoomCategory.values()).map(WireEnum::wire).toList()));
            ctx.json(rooms.byCategory(Caller.of(ctx), category, page(ctx)));
        });
        routes.get("/api/rooms/{roomId}", ctx -> ctx.json(rooms.get(Caller.of(ctx), ctx.pathParam("roomId"))));
        routes.patch("/api/rooms/{roomId}", ctx -> ctx.json(rooms.update(Caller.of(ctx), ctx.pathParam("roomId"),
                bodies.read(ctx, RoomSettings.class))));
        routes.delete("/api/rooms/{roomId}", ctx -> ctx.json(rooms.end(Caller.of(ctx), ctx.pathParam("roomId"))));
        routes.post("/api/rooms/{roomId}/start", ctx ->
                ctx.json(rooms.start(Caller.of(ctx), ctx.pathParam("roomId"))));
    }

    private PageQuery page(Context ctx) {
        return PageQuery.from(ctx, pageLimitMax);
    }

    private static <E extends Enum<E> & WireEnum> E enumParam(Context ctx, String name, Class<E> type, E fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return WireEnum.parse(type, raw).orElseThrow(() -> ApiException.invalid(name, name + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList()));
    }
}
