package org.voicerooms.server.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's H2 backend, committing the MVStore after every write command before the answer goes
 * back. H2 commits on its own only every second, so a {@code kill -9} lost up to a second of writes the server had
 * already acknowledged. A commit writes the changed pages to the file (the OS's page cache: the data survives the
 * process dying, not the machine losing power before the OS flushes); writes are rare next to reads here (sign-in,
 * room changes, joins and leaves), so the extra file write per command is the price of never losing one.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that change data, in lower case. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    /** Every command of the sync driver arrives here (OP_MSG); its name is the document's first key. */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document answer = super.handleMessage(message);
        String command = message.getDocument().keySet().stream().findFirst().orElse("");
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return answer;
    }
}
