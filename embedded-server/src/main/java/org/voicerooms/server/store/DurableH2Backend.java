package org.voicerooms.server.store;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's H2 backend, committing the MVStore after every write command before the answer goes
 * back. H2 commits on its own only every second, so a {@code kill -9} lost up to a second of writes the server had
 * already acknowledged. A commit writes the changed pages to the file (the OS's page cache: the data survives the
 * process dying, not the machine losing power before the OS flushes); writes are rare next to reads here (sign-in,
 * room changes, joins and leaves), so the extra file write per command is the price of never losing one.
 *
 * <p>It also takes credentials. The embedded database listens on a loopback port, which every user and program of
 * the machine can reach; mongo-java-server has no authentication of its own. So a connection must first sign in
 * (SASL PLAIN, user {@link #USER}) with a secret made afresh at each start and known only to this process; until
 * then it may only say hello (the driver's handshake and monitoring), every other command is refused
 * ({@code Unauthorized}). PLAIN sends the secret as it is, which is fine over loopback: only root can listen there.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that change data, in lower case. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    /** The user name a connection signs in with. */
    static final String USER = "voicerooms";
    /** What a connection may do before it signed in, in lower case. */
    private static final Set<String> BEFORE_SIGN_IN = Set.of("hello", "ismaster");

    private final byte[] secret;
    private final Set<Channel> signedIn = ConcurrentHashMap.newKeySet();

    DurableH2Backend(MVStore store, String secret) {
        super(store);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Every command arrives here, from OP_MSG and from legacy OP_QUERY on {@code $cmd}. */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return signIn(channel, query);
        }
        if (!signedIn.contains(channel) && !BEFORE_SIGN_IN.contains(name)) {
            throw new MongoServerError(13, "Unauthorized", "command " + command + " requires authentication");
        }
        return super.handleCommand(channel, database, command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!signedIn.contains(query.getChannel())) {
            throw new MongoServerError(13, "Unauthorized", "query requires authentication");
        }
        return super.handleQuery(query);
    }

    /** SASL PLAIN in one step: the payload is {@code authzid NUL user NUL password}. */
    private Document signIn(Channel channel, Document query) {
        Object payload = query.get("payload");
        byte[] bytes = payload instanceof BinData bin ? bin.getData() : payload instanceof byte[] b ? b : new byte[0];
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\u0000", -1);
        boolean ok = "PLAIN".equals(query.get("mechanism")) && parts.length == 3 && parts[1].equals(USER)
                && MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.UTF_8), secret);
        if (!ok) {
            signedIn.remove(channel);
            throw new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
        }
        signedIn.add(channel);
        Document answer = new Document("conversationId", 1);
        answer.put("done", true);
        answer.put("payload", new BinData(new byte[0]));
        answer.put("ok", 1.0);
        return answer;
    }

    @Override
    public void handleClose(Channel channel) {
        signedIn.remove(channel);
        super.handleClose(channel);
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
