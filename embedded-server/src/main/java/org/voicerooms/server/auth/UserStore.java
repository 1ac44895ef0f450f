package org.voicerooms.server.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.voicerooms.model.Check;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** The {@code users} collection. Usernames are stored lower-case under a unique index. */
public final class UserStore {

    private final MongoCollection<Document> users;

    public UserStore(Database db) {
        this.users = db.collection("users");
        users.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true).name("username_unique"));
    }

    /** Inserts a user; throws {@code MongoWriteException} (duplicate key) when the username is taken. */
    User insert(String username, String displayName, String passwordHash, boolean guest, Instant now) {
        ObjectId id = new ObjectId();
        Document doc = new Document("_id", id)
                .append("username", username)
                .append("displayName", displayName)
                .append("passwordHash", passwordHash)
                .append("guest", guest)
                .append("createdAt", Docs.date(now))
                .append("lastSeenAt", Docs.date(now));
        users.insertOne(doc);
        return map(doc);
    }

    Optional<User> byUsername(String username) {
        return Optional.ofNullable(users.find(Filters.eq("username", username)).first()).map(UserStore::map);
    }

    /** The user with {@code id}; empty for unknown or malformed ids. */
    public Optional<User> byId(String id) {
        if (!Check.isId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(users.find(Filters.eq("_id", Docs.oid(id))).first()).map(UserStore::map);
    }

    /** The users among {@code ids} that exist, by id. */
    public Map<String, User> byIds(Collection<String> ids) {
        List<ObjectId> oids = new ArrayList<>();
        for (String id : ids) {
            if (Check.isId(id)) {
                oids.add(Docs.oid(id));
            }
        }
        Map<String, User> out = new HashMap<>();
        if (oids.isEmpty()) {
            return out;
        }
        for (Document doc : users.find(Filters.in("_id", oids))) {
            User user = map(doc);
            out.put(user.id(), user);
        }
        return out;
    }

    /** The user whose username is {@code username} (any case). */
    public Optional<User> byUsernameIgnoringCase(String username) {
        return username == null ? Optional.empty() : byUsername(username.toLowerCase(java.util.Locale.ROOT));
    }

    /** Records that {@code id} signed in or refreshed at {@code now}; idle guests are judged by this. */
    void touch(String id, Instant now) {
        users.updateOne(Filters.eq("_id", Docs.oid(id)), Updates.set("lastSeenAt", Docs.date(now)));
    }

    /** Ids of guests not seen since {@code before}, at most {@code limit}. */
    List<String> idleGuests(Instant before, int limit) {
        List<String> ids = new ArrayList<>();
        // Guests made before sign-ins were recorded have no lastSeenAt: their creation time stands in for it.
        for (Document doc : users.find(Filters.and(Filters.eq("guest", true), Filters.or(
                Filters.lt("lastSeenAt", Docs.date(before)),
                Filters.and(Filters.exists("lastSeenAt", false), Filters.lt("createdAt", Docs.date(before))))))
                .limit(limit)) {
            ids.add(Docs.id(doc));
        }
        return ids;
    }

    /** Deletes the user {@code id}. */
    void delete(String id) {
        users.deleteOne(Filters.eq("_id", Docs.oid(id)));
    }

    private static User map(Document doc) {
        return new User(Docs.id(doc), doc.getString("username"), doc.getString("displayName"),
                doc.getString("passwordHash"), doc.getBoolean("guest", false), Docs.instant(doc, "createdAt"));
    }
}
