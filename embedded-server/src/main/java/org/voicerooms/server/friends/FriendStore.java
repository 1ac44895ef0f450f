package org.voicerooms.server.friends;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/**
 * The {@code friendships} collection: one document per pair of users, keyed {@code "<lower id>:<higher id>"} so a
 * pair can never have two documents, with who asked and whether the other side accepted.
 */
final class FriendStore {

    /** A stored friendship or request between {@code a} and {@code b} (a &lt; b). */
    record Link(String a, String b, String requester, boolean accepted) {
        String other(String userId) {
            return a.equals(userId) ? b : a;
        }
    }

    private final MongoCollection<Document> links;

    FriendStore(Database db) {
        this.links = db.collection("friendships");
        links.createIndex(Indexes.ascending("a", "accepted"));
        links.createIndex(Indexes.ascending("b", "accepted"));
    }

    private static String key(String x, String y) {
        return x.compareTo(y) < 0 ? x + ":" + y : y + ":" + x;
    }

    Optional<Link> find(String x, String y) {
        return Optional.ofNullable(links.find(Filters.eq("_id", key(x, y))).first()).map(FriendStore::map);
    }

    /** Records a request from {@code requester}; false when a link already existed (a racing insert). */
    boolean request(String requester, String other, Instant now) {
        String lo = requester.compareTo(other) < 0 ? requester : other;
        String hi = lo.equals(requester) ? other : requester;
        try {
            links.insertOne(new Document("_id", key(lo, hi)).append("a", lo).append("b", hi)
                    .append("requester", requester).append("accepted", false)
                    .append("createdAt", Docs.date(now)));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    void accept(String x, String y, Instant now) {
        links.updateOne(Filters.eq("_id", key(x, y)),
                Updates.combine(Updates.set("accepted", true), Updates.set("acceptedAt", Docs.date(now))));
    }

    boolean remove(String x, String y) {
        return links.deleteOne(Filters.eq("_id", key(x, y))).getDeletedCount() > 0;
    }

    /** Every link that involves {@code userId}, accepted or pending. */
    List<Link> of(String userId) {
        List<Link> out = new ArrayList<>();
        for (Document doc : links.find(Filters.or(Filters.eq("a", userId), Filters.eq("b", userId)))) {
            out.add(map(doc));
        }
        return out;
    }

    /** Ids of {@code userId}'s accepted friends. */
    List<String> friendIds(String userId) {
        List<String> out = new ArrayList<>();
        for (Document doc : links.find(Filters.and(Filters.eq("accepted", true),
                Filters.or(Filters.eq("a", userId), Filters.eq("b", userId))))) {
            out.add(map(doc).other(userId));
        }
        return out;
    }

    private static Link map(Document doc) {
        return new Link(doc.getString("a"), doc.getString("b"), doc.getString("requester"),
                doc.getBoolean("accepted", false));
    }
}
