package org.voicerooms.server.rooms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import org.bson.Document;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** The {@code invites} collection: who was invited to which room, by whom. One document per room and user. */
public final class InviteStore {

    private final MongoCollection<Document> invites;

    public InviteStore(Database db) {
        this.invites = db.collection("invites");
        invites.createIndex(Indexes.ascending("userId", "at"));
        invites.createIndex(Indexes.ascending("roomId"));
    }

    /** Records an invitation (again: refreshes who and when). */
    public void invite(String roomId, String userId, String by, Instant at) {
        invites.replaceOne(Filters.eq("_id", roomId + ":" + userId),
                new Document("_id", roomId + ":" + userId).append("roomId", roomId).append("userId", userId)
                        .append("by", by).append("at", Docs.date(at)),
                new ReplaceOptions().upsert(true));
    }

    /** Takes back an invitation (the user was kicked or banned). */
    public void revoke(String roomId, String userId) {
        invites.deleteOne(Filters.eq("_id", roomId + ":" + userId));
    }

    /** Takes back every invitation to a room that ended: they must not open it, or its next life, later. */
    public void revokeAll(String roomId) {
        invites.deleteMany(Filters.eq("roomId", roomId));
    }

    /** Whether {@code userId} was invited to {@code roomId}. */
    public boolean invited(String roomId, String userId) {
        return invites.countDocuments(Filters.eq("_id", roomId + ":" + userId)) > 0;
    }
}
