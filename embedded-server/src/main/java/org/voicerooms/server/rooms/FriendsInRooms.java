package org.voicerooms.server.rooms;

import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voicerooms.model.Check;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.users.FriendInRoom;
import org.voicerooms.server.auth.User;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.friends.FriendService;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.live.RoomPresence;

/**
 * {@code GET /api/users/me/friends/rooms}: which friends are in a live room the caller may open, and which room,
 * for a People screen's "Join" button. A friend in the hidden audience of a room is not shown to non-staff, as
 * room lists do not show them either.
 */
public final class FriendsInRooms {

    private final RoomService rooms;
    private final FriendService friends;
    private final RoomPresence presence;
    private final UserStore users;

    public FriendsInRooms(RoomService rooms, FriendService friends, RoomPresence presence, UserStore users) {
        this.rooms = rooms;
        this.friends = friends;
        this.presence = presence;
        this.users = users;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/users/me/friends/rooms", ctx -> ctx.json(of(Caller.of(ctx))));
    }

    /** Friends of the caller in live rooms the caller may see, by the friend's display name. */
    public List<FriendInRoom> of(Caller caller) {
        Set<String> friendIds = friends.friendIds(caller.userId());
        if (friendIds.isEmpty()) {
            return List.of();
        }
        Map<String, User> byId = users.byIds(friendIds);
        List<FriendInRoom> out = new ArrayList<>();
        for (String roomId : presence.roomsWith(friendIds)) {
            if (!Check.isId(roomId)) {
                continue;
            }
            Room room;
            try {
                room = rooms.room(roomId);
            } catch (org.voicerooms.model.ApiException e) {
                continue; // deleted meanwhile
            }
            if (room.status() != RoomStatus.ACTIVE || !rooms.canSee(room, caller.userId())) {
                continue;
            }
            for (String member : rooms.visibleMembers(room, caller.userId())) {
                User friend = friendIds.contains(member) ? byId.get(member) : null;
                if (friend != null) {
                    out.add(new FriendInRoom(friend.view(), room.id(), room.title()));
                }
            }
        }
        out.sort(Comparator.comparing((FriendInRoom f) -> f.user().displayName(), String.CASE_INSENSITIVE_ORDER));
        return out;
    }
}
