package org.voicerooms.server.friends;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.FriendChanged;
import org.voicerooms.model.users.FriendStatus;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.FriendshipView;
import org.voicerooms.model.users.UserView;
import org.voicerooms.server.auth.User;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.store.Database;

/** Mutual friendship: one side asks, the other accepts (by asking back); either side can end it. */
public final class FriendService {

    private static final Logger LOG = LoggerFactory.getLogger(FriendService.class);

    private final FriendStore store;
    private final UserStore users;
    private final Clock clock;
    private volatile UserNotifier notifier = UserNotifier.NONE;

    public FriendService(Database db, UserStore users, Clock clock) {
        this.store = new FriendStore(db);
        this.users = users;
        this.clock = clock;
    }

    /**
     * Where to tell both sides of a change ({@code user:friend-changed}); set once the realtime transport exists.
     */
    public void notifyWith(UserNotifier next) {
        this.notifier = next == null ? UserNotifier.NONE : next;
    }

    /** Tells {@code to} where they stand with {@code other} now. */
    private void tell(String to, User other, FriendStatus status, boolean incoming) {
        try {
            notifier.toUser(to, Events.FRIEND_CHANGED, new FriendChanged(other.view(), status, incoming));
        } catch (RuntimeException e) {
            LOG.warn("Telling {} of a friend change failed", to, e); // the change itself is stored
        }
    }

    /** Asks {@code targetId} to be friends, or accepts their pending request. Idempotent. */
    public FriendshipView request(String callerId, String targetId) {
        User target = users.byId(targetId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such user"));
        if (target.id().equals(callerId)) {
            throw ApiException.invalid("userId", "you cannot befriend yourself");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            var link = store.find(callerId, target.id());
            if (link.isEmpty()) {
                if (store.request(callerId, target.id(), clock.instant())) {
                    users.byId(callerId).ifPresent(me -> tell(target.id(), me, FriendStatus.REQUESTED, true));
                    return new FriendshipView(target.view(), FriendStatus.REQUESTED);
                }
                continue; // the other side asked at the same moment; read again
            }
            if (link.get().accepted()) {
                return new FriendshipView(target.view(), FriendStatus.FRIENDS);
            }
            if (link.get().requester().equals(callerId)) {
                return new FriendshipView(target.view(), FriendStatus.REQUESTED);
            }
            store.accept(callerId, target.id(), clock.instant());
            users.byId(callerId).ifPresent(me -> tell(target.id(), me, FriendStatus.FRIENDS, false));
            tell(callerId, target, FriendStatus.FRIENDS, false);
            return new FriendshipView(target.view(), FriendStatus.FRIENDS);
        }
        throw new ApiException(ErrorCode.CONFLICT, "the friendship changed while asking; try again");
    }

    /** Asks by username; NOT_FOUND when nobody has it. */
    public FriendshipView requestByUsername(String callerId, String username) {
        User target = users.byUsernameIgnoringCase(username)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no user named '" + username + "'"));
        return request(callerId, target.id());
    }

    /** Ends a friendship, declines their request or withdraws one's own; NOT_FOUND when there is none. */
    public FriendshipView remove(String callerId, String targetId) {
        User target = users.byId(targetId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such user"));
        if (!store.remove(callerId, target.id())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "you have no friendship or request with that user");
        }
        users.byId(callerId).ifPresent(me -> tell(target.id(), me, FriendStatus.NONE, false));
        tell(callerId, target, FriendStatus.NONE, false);
        return new FriendshipView(target.view(), FriendStatus.NONE);
    }

    /** Friends and pending requests both ways, each sorted by display name. */
    public FriendsView list(String callerId) {
        var links = store.of(callerId);
        Set<String> ids = new LinkedHashSet<>();
        links.forEach(l -> ids.add(l.other(callerId)));
        Map<String, User> byId = users.byIds(ids);
        List<UserView> friends = new ArrayList<>();
        List<UserView> incoming = new ArrayList<>();
        List<UserView> outgoing = new ArrayList<>();
        for (var link : links) {
            User other = byId.get(link.other(callerId));
            if (other == null) {
                continue;
            }
            if (link.accepted()) {
                friends.add(other.view());
            } else if (link.requester().equals(callerId)) {
                outgoing.add(other.view());
            } else {
                incoming.add(other.view());
            }
        }
        Comparator<UserView> byName = Comparator.comparing(UserView::displayName, String.CASE_INSENSITIVE_ORDER);
        friends.sort(byName);
        incoming.sort(byName);
        outgoing.sort(byName);
        return new FriendsView(friends, incoming, outgoing);
    }

    /** Ids of the caller's mutual friends. */
    public Set<String> friendIds(String callerId) {
        return new LinkedHashSet<>(store.friendIds(callerId));
    }

    /** Whether two users are mutual friends. */
    public boolean areFriends(String x, String y) {
        return store.find(x, y).map(FriendStore.Link::accepted).orElse(false);
    }
}
