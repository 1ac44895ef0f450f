package org.voicerooms.model.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voicerooms.model.WireEnum;

/** A participant's place in a live room. One host; moderators are co-hosts on stage. */
public enum Role implements WireEnum {
    HOST("host"),
    MODERATOR("moderator"),
    SPEAKER("speaker"),
    LISTENER("listener");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Whether this role is on stage (may send audio). */
    public boolean onStage() {
        return this != LISTENER;
    }

    /** Whether this role may moderate (promote, demote, mute, kick, ban, handle hands and join requests). */
    public boolean canModerate() {
        return this == HOST || this == MODERATOR;
    }

    @JsonCreator
    static Role fromWire(String value) {
        return WireEnum.require(Role.class, value);
    }
}
