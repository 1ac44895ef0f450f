package org.voicerooms.server.live;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.voicerooms.model.Check;
import org.voicerooms.model.Page;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomVisit;
import org.voicerooms.model.users.UserRef;
import org.voicerooms.server.http.AddressLimits;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.JsonBodies;
import org.voicerooms.server.http.PageQuery;
import org.voicerooms.server.rooms.RoomService;

/**
 * The REST face of live rooms: the same {@link LiveService}, {@link MemberActions} and {@link Moderation} calls the Socket.IO handlers
 * make, for scripts and clients that prefer HTTP. Actions answer {@code {"ok": true}}.
 */
public final class LiveRoutes {

    private static final Map<String, Boolean> OK = Map.of("ok", true);

    private final LiveService live;
    private final MemberActions actions;
    private final Moderation moderation;
    private final ParticipationStore visits;
    private final RoomService rooms;
    private final JsonBodies bodies;
    private final int pageLimitMax;
    private final AddressLimits limits;

    public LiveRoutes(LiveService live, MemberActions actions, Moderation moderation, ParticipationStore visits,
                      RoomService rooms, JsonBodies bodies, int pageLimitMax, AddressLimits limits) {
        this.limits = limits;
        this.live = live;
        this.actions = actions;
        this.moderation = moderation;
        this.visits = visits;
        this.rooms = rooms;
        this.bodies = bodies;
        this.pageLimitMax = pageLimitMax;
    }

    @FunctionalInterface
    private interface TargetAction {
        void run(Caller caller, String roomId, String userId);
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/rooms/{roomId}/join", ctx -> {
            limits.join(ctx);
            ctx.json(live.join(Caller.of(ctx), roomId(ctx), null));
        });
        routes.post("/api/rooms/{roomId}/leave", ctx -> {
            live.leave(Caller.of(ctx), roomId(ctx));
            ctx.json(OK);
        });
        routes.post("/api/rooms/{roomId}/raise-hand", ctx -> {
            actions.raiseHand(Caller.of(ctx), roomId(ctx));
            ctx.json(OK);
        });
        routes.post("/api/rooms/{roomId}/lower-hand", ctx -> {
            actions.lowerHand(Caller.of(ctx), roomId(ctx));
            ctx.json(OK);
        });
        routes.get("/api/rooms/{roomId}/participants", ctx ->
                ctx.json(live.participants(Caller.of(ctx), roomId(ctx), PageQuery.from(ctx, pageLimitMax))));
        target(routes, "/api/rooms/{roomId}/promote", moderation::promote);
        target(routes, "/api/rooms/{roomId}/demote", moderation::demote);
        target(routes, "/api/rooms/{roomId}/mute", moderation::mute);
        target(routes, "/api/rooms/{roomId}/kick", moderation::kick);
        target(routes, "/api/rooms/{roomId}/ban", moderation::ban);
        target(routes, "/api/rooms/{roomId}/unban", moderation::unban);
        target(routes, "/api/rooms/{roomId}/invite", moderation::invite);
        target(routes, "/api/rooms/{roomId}/moderators", moderation::makeModerator);
        target(routes, "/api/rooms/{roomId}/approve", moderation::approveJoin);
        target(routes, "/api/rooms/{roomId}/deny", moderation::denyJoin);
        routes.delete("/api/rooms/{roomId}/moderators/{userId}", ctx -> {
            moderation.removeModerator(Caller.of(ctx), roomId(ctx), Check.id("userId", ctx.pathParam("userId")));
            ctx.json(OK);
        });
        routes.get("/api/users/me/room-history", ctx -> ctx.json(history(Caller.of(ctx),
                PageQuery.from(ctx, pageLimitMax))));
    }

    private void target(RoutesConfig routes, String path, TargetAction action) {
        routes.post(path, ctx -> {
            UserRef body = bodies.read(ctx, UserRef.class);
            action.run(Caller.of(ctx), roomId(ctx), Check.id("userId", body.userId()));
            ctx.json(OK);
        });
    }

    private static String roomId(Context ctx) {
        return Check.id("roomId", ctx.pathParam("roomId"));
    }

    private Page<RoomVisit> history(Caller caller, PageQuery page) {
        List<ParticipationStore.Visit> found = visits.of(caller.userId(), page.offset(), page.limit());
        Function<String, Room> room = id -> {
            try {
                return rooms.room(id);
            } catch (RuntimeException e) {
                return null;
            }
        };
        List<RoomVisit> out = found.stream().map(v -> {
            Room r = room.apply(v.roomId());
            return new RoomVisit(v.roomId(), r == null ? "(deleted room)" : r.title(), r == null ? null : r.category(),
                    v.role(), v.joinedAt(), v.leftAt(), v.speakTime());
        }).toList();
        return Page.of(out, page.page(), page.limit(), visits.count(caller.userId()));
    }
}
