package org.voicerooms.server.live;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.voicerooms.model.WireEnum;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** The {@code participations} collection: one document per user per room visit, for history and analytics. */
public final class ParticipationStore {

    /** A stored visit. */
    public record Visit(String roomId, Role role, Instant joinedAt, Instant leftAt, long speakTime) {
    }

    private final MongoCollection<Document> visits;

    public ParticipationStore(Database db) {
        this.visits = db.collection("participations");
        visits.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("joinedAt")));
        visits.createIndex(Indexes.ascending("roomId", "joinedAt"));
    }

    /** Opens a visit: the one write a join needs, made before the join is decided (if it fails, nothing changed). */
    void start(String visitId, String userId, String roomId, Role role, Instant joinedAt) {
        visits.insertOne(new Document("_id", Docs.oid(visitId)).append("userId", userId).append("roomId", roomId)
                .append("role", role.wire()).append("joinedAt", Docs.date(joinedAt)).append("leftAt", null)
                .append("speakTime", 0L));
    }

    /** Forgets a visit opened for a join that was then refused (the room changed between the check and it). */
    void discard(String visitId) {
        visits.deleteOne(Filters.eq("_id", Docs.oid(visitId)));
    }

    /** Closes a visit with its final role and speaking time (creating it whole if its open was not written yet). */
    void finish(String visitId, String userId, String roomId, Role role, Instant joinedAt, Instant leftAt,
                long speakMillis) {
        visits.updateOne(Filters.eq("_id", Docs.oid(visitId)), Updates.combine(Updates.set("role", role.wire()),
                Updates.set("leftAt", Docs.date(leftAt)), Updates.set("speakTime", speakMillis),
                Updates.setOnInsert("userId", userId), Updates.setOnInsert("roomId", roomId),
                Updates.setOnInsert("joinedAt", Docs.date(joinedAt))), new UpdateOptions().upsert(true));
    }

    /**
     * Ends every visit still open at {@code at}: after a restart nobody is inside, so open visits are those a crash
     * cut short. Only for a server alone on its database (another node's visits would be open legitimately).
     * Returns how many were closed.
     */
    long closeOpen(Instant at) {
        return visits.updateMany(Filters.eq("leftAt", null), Updates.set("leftAt", Docs.date(at)))
                .getModifiedCount();
    }

    /** The user's visits, newest first. */
    public List<Visit> of(String userId, int skip, int limit) {
        List<Visit> out = new ArrayList<>();
        for (Document d : visits.find(Filters.eq("userId", userId)).sort(Sorts.descending("joinedAt", "_id"))
                .skip(skip).limit(limit)) {
            out.add(new Visit(d.getString("roomId"), WireEnum.require(Role.class, d.getString("role")),
                    Docs.instant(d, "joinedAt"), Docs.instant(d, "leftAt"), Docs.number(d, "speakTime")));
        }
        return out;
    }

    /** How many visits the user has. */
    public long count(String userId) {
        return visits.countDocuments(Filters.eq("userId", userId));
    }
}
