package org.voicerooms.server.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Conversions between BSON documents and model values, shared by the stores. */
public final class Docs {

    private Docs() {
    }

    /** The instant stored under {@code key}, or null. */
    public static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }

    /** The BSON date of {@code instant}, or null. */
    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** The string list stored under {@code key}, empty when absent. */
    public static List<String> strings(Document doc, String key) {
        List<String> list = doc.getList(key, String.class);
        return list == null ? List.of() : list;
    }

    /** The id of {@code doc} as 24 hex digits. */
    public static String id(Document doc) {
        return doc.getObjectId("_id").toHexString();
    }

    /** The ObjectId of a 24-hex-digit id; callers check the shape first with {@code Check.isId}. */
    public static ObjectId oid(String id) {
        return new ObjectId(id);
    }

    /** Whether a write failed on a unique index. */
    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /** The int under {@code key}, whatever numeric type it was stored as; 0 when absent. */
    public static long number(Document doc, String key) {
        Object value = doc.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
