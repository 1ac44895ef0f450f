package org.voicerooms.model.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voicerooms.model.WireEnum;

/** Lifecycle of a room: scheduled, then active, then ended. */
public enum RoomStatus implements WireEnum {
    SCHEDULED("scheduled"),
    ACTIVE("active"),
    ENDED("ended");

    private final String wire;

    RoomStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static RoomStatus fromWire(String value) {
        return WireEnum.require(RoomStatus.class, value);
    }
}
