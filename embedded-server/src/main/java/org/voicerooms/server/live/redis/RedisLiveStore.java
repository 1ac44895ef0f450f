package org.voicerooms.server.live.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.voicerooms.server.cluster.RedisLink;
import org.voicerooms.server.live.LiveStore;
import org.voicerooms.server.live.MemberState;
import org.voicerooms.server.live.RoomSnapshot;
import org.voicerooms.server.live.Versioned;

/**
 * Room snapshots in Redis, shared by every node of a cluster. A room is the hash {@code vr:live-room:ID} with its
 * version ({@code v}), its snapshot as JSON ({@code s}) and its member ids ({@code m}); {@code vr:live-rooms} lists
 * the rooms and {@code vr:user-rooms:USER} the rooms of each member. A commit is one Lua script: it compares the
 * stored version with the expected one and, only if they match, writes the snapshot and updates both indexes, so
 * no reader ever sees half a commit. Deleting a room removes every key it had.
 */
public final class RedisLiveStore implements LiveStore {

    static final String ROOM = "vr:live-room:";
    static final String ROOMS = "vr:live-rooms";
    static final String USER_ROOMS = "vr:user-rooms:";

    /** KEYS: room hash, rooms set. ARGV: expected, next version, json, room id, member ids (\n), user key prefix. */
    private static final String COMMIT = """
            local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
            if cur ~= tonumber(ARGV[1]) then return 0 end
            local old = {}
            for id in string.gmatch(redis.call('HGET', KEYS[1], 'm') or '', '[^\\n]+') do old[id] = true end
            local new = {}
            for id in string.gmatch(ARGV[5], '[^\\n]+') do
              new[id] = true
              if not old[id] then redis.call('SADD', ARGV[6] .. id, ARGV[4]) end
            end
            for id, _ in pairs(old) do
              if not new[id] then redis.call('SREM', ARGV[6] .. id, ARGV[4]) end
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3], 'm', ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[4])
            return 1
            """;

    /** KEYS: room hash, rooms set. ARGV: expected, room id, user key prefix. */
    private static final String DELETE = """
            local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
            if cur ~= tonumber(ARGV[1]) then return 0 end
            if cur == 0 then return 1 end
            for id in string.gmatch(redis.call('HGET', KEYS[1], 'm') or '', '[^\\n]+') do
              redis.call('SREM', ARGV[3] .. id, ARGV[2])
            end
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            return 1
            """;

    private final RedisLink redis;
    private final ObjectMapper json;
    private volatile String commitSha;
    private volatile String deleteSha;

    public RedisLiveStore(RedisLink redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public Optional<Versioned<RoomSnapshot>> get(String roomId) {
        List<KeyValue<String, String>> fields = commands().hmget(ROOM + roomId, "v", "s");
        if (fields.size() < 2 || !fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return Optional.empty();
        }
        try {
            RoomSnapshot snapshot = json.readValue(fields.get(1).getValue(), RoomSnapshot.class);
            return Optional.of(new Versioned<>(snapshot, Long.parseLong(fields.get(0).getValue())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room " + roomId + " holds a snapshot this node cannot read", e);
        }
    }

    @Override
    public boolean commit(String roomId, long expectedVersion, RoomSnapshot next) {
        if (next.version() != expectedVersion + 1 || !next.roomId().equals(roomId)) {
            throw new IllegalArgumentException("version " + next.version() + " does not follow " + expectedVersion);
        }
        String text;
        try {
            text = json.writeValueAsString(next);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String members = next.members().stream().map(MemberState::userId).collect(Collectors.joining("\n"));
        return run(true, new String[] {ROOM + roomId, ROOMS}, String.valueOf(expectedVersion),
                String.valueOf(next.version()), text, roomId, members, USER_ROOMS);
    }

    @Override
    public boolean delete(String roomId, long expectedVersion) {
        return run(false, new String[] {ROOM + roomId, ROOMS}, String.valueOf(expectedVersion), roomId, USER_ROOMS);
    }

    /** Runs the commit or delete script by its digest, loading it (again, after a Redis restart) when needed. */
    private boolean run(boolean commit, String[] keys, String... args) {
        RedisCommands<String, String> redis = commands();
        String sha = commit ? commitSha : deleteSha;
        if (sha != null) {
            try {
                return redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args) == 1L;
            } catch (RedisNoScriptException e) {
                // Redis restarted and forgot the script: load it again below
            }
        }
        sha = redis.scriptLoad(commit ? COMMIT : DELETE);
        if (commit) {
            commitSha = sha;
        } else {
            deleteSha = sha;
        }
        return redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args) == 1L;
    }

    @Override
    public Set<String> roomIds() {
        return Set.copyOf(commands().smembers(ROOMS));
    }

    @Override
    public Set<String> roomsOf(String userId) {
        return Set.copyOf(commands().smembers(USER_ROOMS + userId));
    }

    private RedisCommands<String, String> commands() {
        return redis.strings().sync();
    }
}
