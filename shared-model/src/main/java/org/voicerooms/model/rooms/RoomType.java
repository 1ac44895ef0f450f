package org.voicerooms.model.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voicerooms.model.WireEnum;

/** Who may find and join a room. */
public enum RoomType implements WireEnum {
    PUBLIC("public"),
    PRIVATE("private"),
    FRIENDS_ONLY("friends-only");

    private final String wire;

    RoomType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static RoomType fromWire(String value) {
        return WireEnum.require(RoomType.class, value);
    }
}
