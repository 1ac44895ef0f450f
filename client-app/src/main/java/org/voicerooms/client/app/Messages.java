package org.voicerooms.client.app;

import org.voicerooms.model.ApiError;
import org.voicerooms.model.ErrorCode;

/** Short human messages for typed errors: what the user sees instead of a stack trace. */
public final class Messages {

    private Messages() {
    }

    public static String of(ApiError error) {
        ErrorCode code = error.code();
        return switch (code) {
            // a refused certificate says so: retrying or checking the address would not help
            case SERVICE_UNAVAILABLE -> "certificate".equals(error.field()) ? error.message()
                    : "Can't reach the server. Check the address and that it is running.";
            case UNAUTHORIZED -> "Your sign-in expired. Please sign in again.";
            case FORBIDDEN -> "You're not allowed to do that here.";
            case NOT_FOUND -> "That room or person no longer exists.";
            case RATE_LIMITED -> "Slow down a little and try again.";
            case VALIDATION_FAILED -> error.field() != null ? error.field() + ": " + error.message()
                    : error.message();
            default -> error.message() != null && !error.message().isBlank() ? error.message()
                    : code.defaultMessage();
        };
    }

    /** Why a room session ended, in words. */
    public static String endReason(String reason) {
        if (reason == null) {
            return "The room ended.";
        }
        return switch (reason) {
            case "host-ended" -> "The host ended the room.";
            case "no-host" -> "The room ended: the host left.";
            case "time-limit" -> "The room reached its time limit.";
            case "host-stopped" -> "The host stopped hosting on this network.";
            case "kicked" -> "You were removed from the room.";
            case "banned" -> "You were removed from the room and can't come back.";
            case "denied" -> "The host didn't let you in.";
            // a join refused with a code, e.g. a kicked person trying again
            case "KICKED" -> "You were removed from this room, so you can't join it again.";
            case "BANNED" -> "You're banned from this room.";
            case "ROOM_ENDED" -> "That room has ended.";
            case "ROOM_NOT_STARTED" -> "That room hasn't started yet.";
            case "ROOM_FULL" -> "That room is full.";
            case "FORBIDDEN" -> "That room is invitation-only.";
            // the server does not say which: a private room hides from anyone not invited
            case "NOT_FOUND" -> "That room doesn't exist, or it needs an invitation you don't have.";
            default -> "You left the room.";
        };
    }
}
