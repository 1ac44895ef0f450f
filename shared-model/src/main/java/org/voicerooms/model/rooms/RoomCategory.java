package org.voicerooms.model.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voicerooms.model.WireEnum;

/** What a room is about; drives discovery. */
public enum RoomCategory implements WireEnum {
    TECH("tech"),
    MUSIC("music"),
    GAMING("gaming"),
    CASUAL("casual");

    private final String wire;

    RoomCategory(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static RoomCategory fromWire(String value) {
        return WireEnum.require(RoomCategory.class, value);
    }
}
