package org.voicerooms.server;

/** A configuration value is missing or wrong; the message is one line naming the setting and the reason. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
