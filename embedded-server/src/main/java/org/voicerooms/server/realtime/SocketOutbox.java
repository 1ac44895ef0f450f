package org.voicerooms.server.realtime;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voicerooms.model.live.Event;
import org.voicerooms.server.live.Outbox;

/**
 * The live service's events as Socket.IO broadcasts. Every connection sits in a {@code user:<id>} group from its
 * handshake and in a {@code room:<id>} group while it is in that room; sending never blocks (the engine queues).
 */
final class SocketOutbox implements Outbox {

    private final SocketIoNamespace namespace;
    private final WireJson json;
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();

    SocketOutbox(SocketIoNamespace namespace, WireJson json) {
        this.namespace = namespace;
        this.json = json;
    }

    static String roomGroup(String roomId) {
        return "room:" + roomId;
    }

    static String userGroup(String userId) {
        return "user:" + userId;
    }

    void connected(SocketIoSocket socket, String userId) {
        sockets.put(socket.getId(), socket);
        socket.joinRoom(userGroup(userId));
    }

    void disconnected(SocketIoSocket socket) {
        sockets.remove(socket.getId());
    }

    /** The engine.io connection a socket rides on; null for a closed socket. */
    String engineIdOf(String socketId) {
        SocketIoSocket socket = sockets.get(socketId);
        return socket == null ? null : SocketTransport.engineId(socket);
    }

    /** Open sockets of {@code userId}. */
    int socketsOf(String userId) {
        return namespace.getAdapter().listClients(userGroup(userId)).length;
    }

    int connections() {
        return sockets.size();
    }

    @Override
    public <T> void toRoom(String roomId, Event<T> event, T payload) {
        namespace.broadcast(roomGroup(roomId), event.name(), json.toJson(payload));
    }

    /** Sends to one socket of this node; nothing when it closed. */
    <T> void toSocket(String socketId, Event<T> event, T payload) {
        SocketIoSocket socket = sockets.get(socketId);
        if (socket != null) {
            socket.send(event.name(), json.toJson(payload));
        }
    }

    @Override
    public <T> void toUser(String userId, Event<T> event, T payload) {
        namespace.broadcast(userGroup(userId), event.name(), json.toJson(payload));
    }

    @Override
    public <T> void toUsers(Collection<String> userIds, Event<T> event, T payload) {
        if (!userIds.isEmpty()) {
            String[] groups = userIds.stream().map(SocketOutbox::userGroup).toArray(String[]::new);
            namespace.broadcast(groups, event.name(), new Object[] {json.toJson(payload)});
        }
    }

    @Override
    public void attach(String roomId, String socketId) {
        SocketIoSocket socket = sockets.get(socketId);
        if (socket != null) {
            socket.joinRoom(roomGroup(roomId));
        }
    }

    @Override
    public void detach(String roomId, String userId) {
        for (SocketIoSocket socket : namespace.getAdapter().listClients(userGroup(userId))) {
            socket.leaveRoom(roomGroup(roomId));
        }
    }
}
