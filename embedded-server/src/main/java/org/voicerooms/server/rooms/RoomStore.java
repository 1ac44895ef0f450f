package org.voicerooms.server.rooms;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.voicerooms.model.Check;
import org.voicerooms.model.WireEnum;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** The {@code rooms} collection: every field of {@link Room}, enums by wire name, times as BSON dates. */
final class RoomStore {

    /** The count of changes to a room, stored with it but not part of {@link Room}. */
    static final String VERSION = "version";

    private final MongoCollection<Document> rooms;

    RoomStore(Database db) {
        this.rooms = db.collection("rooms");
        rooms.createIndex(Indexes.compoundIndex(Indexes.ascending("status", "type"), Indexes.descending("createdAt")));
        rooms.createIndex(Indexes.compoundIndex(Indexes.ascending("createdBy"), Indexes.descending("createdAt")));
        rooms.createIndex(Indexes.ascending("category", "status"));
        rooms.createIndex(Indexes.ascending("status", "scheduledFor"));
        rooms.createIndex(Indexes.ascending("moderators"));
        rooms.createIndex(Indexes.ascending("tags"));
    }

    void insert(Room room) {
        rooms.insertOne(toDoc(room));
    }

    Optional<Room> byId(String id) {
        if (!Check.isId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(rooms.find(Filters.eq("_id", Docs.oid(id))).first()).map(RoomStore::fromDoc);
    }

    /**
     * Applies {@code update} to the room if it still matches {@code guard}; the room after, or empty. Every change
     * counts up the room's {@link #VERSION}, which {@link #updateAt} compares.
     */
    Optional<Room> update(String id, Bson guard, Bson update) {
        Document after = rooms.findOneAndUpdate(Filters.and(Filters.eq("_id", Docs.oid(id)), guard),
                Updates.combine(update, Updates.inc(VERSION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(after).map(RoomStore::fromDoc);
    }

    /** A room as read, with its version: how many changes it has had (rooms stored before versions: 0). */
    record Versioned(Room room, long version) {
    }

    Optional<Versioned> versioned(String id) {
        if (!Check.isId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(rooms.find(Filters.eq("_id", Docs.oid(id))).first()).map(d -> new Versioned(
                fromDoc(d), d.get(VERSION) instanceof Number n ? n.longValue() : 0));
    }

    /** Like {@link #update}, only if the room is still at {@code version}: a compare-and-set. */
    Optional<Room> updateAt(String id, long version, Bson guard, Bson update) {
        Bson unchanged = version == 0 ? Filters.exists(VERSION, false) : Filters.eq(VERSION, version);
        return update(id, Filters.and(guard, unchanged), update);
    }

    List<Room> find(Bson filter, Bson sort, int skip, int limit) {
        FindIterable<Document> found = rooms.find(filter).sort(sort).skip(skip).limit(limit);
        List<Room> out = new ArrayList<>();
        for (Document doc : found) {
            out.add(fromDoc(doc));
        }
        return out;
    }

    long count(Bson filter) {
        return rooms.countDocuments(filter);
    }

    static Document toDoc(Room r) {
        return new Document("_id", new ObjectId(r.id()))
                .append("title", r.title())
                .append("description", r.description())
                .append("createdBy", r.createdBy())
                .append("type", r.type().wire())
                .append("category", r.category().wire())
                .append("maxParticipants", r.maxParticipants())
                .append("maxSpeakers", r.maxSpeakers())
                .append("permissions", permissions(r.permissions()))
                .append("privacy", privacy(r.privacy()))
                .append("moderators", r.moderators())
                .append("bannedUsers", r.bannedUsers())
                .append("status", r.status().wire())
                .append("startedAt", Docs.date(r.startedAt()))
                .append("endedAt", Docs.date(r.endedAt()))
                .append("scheduledFor", Docs.date(r.scheduledFor()))
                .append("peakParticipants", r.peakParticipants())
                .append("totalJoins", r.totalJoins())
                .append("totalSpeakTime", r.totalSpeakTime())
                .append("tags", r.tags())
                .append("language", r.language())
                .append("isRecorded", r.isRecorded())
                .append("recordingUrl", r.recordingUrl())
                .append("createdAt", Docs.date(r.createdAt()))
                .append("updatedAt", Docs.date(r.updatedAt()));
    }

    static Document permissions(RoomPermissions p) {
        return new Document("anyoneCanSpeak", p.anyoneCanSpeak()).append("directPromote", p.mayPromoteDirectly())
                .append("allowRecording", p.allowRecording())
                .append("allowHandRaise", p.allowHandRaise());
    }

    static Document privacy(RoomPrivacy p) {
        return new Document("requireApproval", p.requireApproval()).append("hideParticipants", p.hideParticipants())
                .append("allowInvites", p.allowInvites());
    }

    static Room fromDoc(Document d) {
        Document perm = d.get("permissions", Document.class);
        Document priv = d.get("privacy", Document.class);
        return new Room(
                Docs.id(d),
                d.getString("title"),
                d.getString("description"),
                d.getString("createdBy"),
                WireEnum.require(RoomType.class, d.getString("type")),
                WireEnum.require(RoomCategory.class, d.getString("category")),
                (int) Docs.number(d, "maxParticipants"),
                (int) Docs.number(d, "maxSpeakers"),
                new RoomPermissions(perm.getBoolean("anyoneCanSpeak", false), perm.getBoolean("allowRecording", false),
                        perm.getBoolean("allowHandRaise", true), perm.getBoolean("directPromote", true)),
                new RoomPrivacy(priv.getBoolean("requireApproval", false), priv.getBoolean("hideParticipants", false),
                        priv.getBoolean("allowInvites", true)),
                Docs.strings(d, "moderators"),
                Docs.strings(d, "bannedUsers"),
                WireEnum.require(RoomStatus.class, d.getString("status")),
                Docs.instant(d, "startedAt"),
                Docs.instant(d, "endedAt"),
                Docs.instant(d, "scheduledFor"),
                (int) Docs.number(d, "peakParticipants"),
                Docs.number(d, "totalJoins"),
                Docs.number(d, "totalSpeakTime"),
                Docs.strings(d, "tags"),
                d.getString("language"),
                d.getBoolean("isRecorded", false),
                d.getString("recordingUrl"),
                Docs.instant(d, "createdAt"),
                Docs.instant(d, "updatedAt"));
    }

    /** Rooms {@code userId} created since {@code since}, for the creation rate limit. */
    long createdSince(String userId, Instant since) {
        return rooms.countDocuments(Filters.and(Filters.eq("createdBy", userId),
                Filters.gte("createdAt", Docs.date(since))));
    }
}
