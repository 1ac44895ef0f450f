package org.voicerooms.model.users;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voicerooms.model.WireEnum;

/** Where a friendship stands after a request, accept or removal. */
public enum FriendStatus implements WireEnum {
    /** The caller asked; the other side has not answered. */
    REQUESTED("requested"),
    /** Both sides agreed. */
    FRIENDS("friends"),
    /** No friendship and no pending request. */
    NONE("none");

    private final String wire;

    FriendStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static FriendStatus fromWire(String value) {
        return WireEnum.require(FriendStatus.class, value);
    }
}
