package org.voicerooms.server.live;

import org.voicerooms.model.ApiException;

/**
 * A change asked of one live room, as a record whose {@link #decide} is the rule: a pure function of the
 * committed snapshot and the {@link RuleContext} (room settings, time, node). It returns the next snapshot and the
 * events it publishes, or throws an {@link ApiException} with the {@code ErrorCode} the caller sees. No database,
 * no sockets, no clocks: {@link LiveEngine} may run it more than once when a commit races.
 */
@FunctionalInterface
public interface Command {

    Decision decide(RoomSnapshot room, RuleContext ctx);
}
