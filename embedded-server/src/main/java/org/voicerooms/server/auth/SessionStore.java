package org.voicerooms.server.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/**
 * The {@code sessions} collection: one document per sign-in (a refresh-token family). It names the one refresh
 * token of the family that may still be used ({@code current}); a rotation swaps it atomically, so a second use of
 * a spent token finds another id there and is caught as a replay. A revoked family stays stored until it expires,
 * so its access tokens keep failing.
 *
 * <p>Access tokens are checked against this collection too, through a short cache: a revocation made on this node
 * is seen at once; one made by another node of a cluster within {@link #RECHECK_MILLIS}.
 */
final class SessionStore {

    /** How long a family seen alive is trusted without asking the database again. */
    static final long RECHECK_MILLIS = 5_000;
    /** Cached verdicts kept at most; the cache is emptied when it grows past this, which only costs lookups. */
    private static final int CACHE_MAX = 50_000;

    private final MongoCollection<Document> sessions;
    private final Clock clock;
    /** Family → when its "alive" verdict lapses (epoch millis), or {@link Long#MAX_VALUE} when revoked. */
    private final Map<String, Long> verdicts = new ConcurrentHashMap<>();

    SessionStore(Database db, Clock clock) {
        this.sessions = db.collection("sessions");
        this.clock = clock;
        sessions.createIndex(Indexes.ascending("userId"));
        sessions.createIndex(Indexes.ascending("expiresAt"));
        sessions.deleteMany(Filters.lt("expiresAt", Docs.date(clock.instant())));
    }

    /** Starts a family whose usable refresh token is {@code tokenId}. */
    void open(String family, String userId, String tokenId, Instant expiresAt) {
        sessions.insertOne(new Document("_id", family).append("userId", userId).append("current", tokenId)
                .append("revoked", false).append("expiresAt", Docs.date(expiresAt))
                .append("createdAt", Docs.date(clock.instant())));
    }

    /**
     * Stores a family for a refresh token issued before families existed, named after that token, unless it is
     * stored already; from then on it rotates like any other.
     */
    void adopt(String family, String userId, String tokenId, Instant expiresAt) {
        sessions.updateOne(Filters.eq("_id", family), Updates.combine(
                Updates.setOnInsert("userId", userId), Updates.setOnInsert("current", tokenId),
                Updates.setOnInsert("revoked", false), Updates.setOnInsert("expiresAt", Docs.date(expiresAt)),
                Updates.setOnInsert("createdAt", Docs.date(clock.instant()))), new UpdateOptions().upsert(true));
    }

    /** Replaces the usable token {@code spent} by {@code next}; false if {@code spent} was not the usable one. */
    boolean rotate(String family, String spent, String next, Instant expiresAt) {
        return sessions.updateOne(Filters.and(Filters.eq("_id", family), Filters.eq("revoked", false),
                        Filters.eq("current", spent)),
                Updates.combine(Updates.set("current", next), Updates.set("expiresAt", Docs.date(expiresAt))))
                .getModifiedCount() == 1;
    }

    /** Marks the family revoked; true if it was live until now. */
    boolean revoke(String family) {
        verdicts.put(family, Long.MAX_VALUE);
        return sessions.updateOne(Filters.and(Filters.eq("_id", family), Filters.eq("revoked", false)),
                Updates.set("revoked", true)).getModifiedCount() == 1;
    }

    /** Whether the family is stored and not revoked. */
    boolean isLive(String family) {
        long now = clock.millis();
        Long verdict = verdicts.get(family);
        if (verdict != null && (verdict == Long.MAX_VALUE || now < verdict)) {
            return verdict != Long.MAX_VALUE;
        }
        boolean live = Optional.ofNullable(sessions.find(Filters.eq("_id", family)).first())
                .map(d -> !d.getBoolean("revoked", false)).orElse(false);
        if (verdicts.size() > CACHE_MAX) {
            verdicts.clear();
        }
        verdicts.put(family, live ? now + RECHECK_MILLIS : Long.MAX_VALUE);
        return live;
    }
}
