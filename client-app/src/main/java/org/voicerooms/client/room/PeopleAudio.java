package org.voicerooms.client.room;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.Json;

/**
 * How loud this person wants to hear each other person, remembered per user id in {@code people-audio.json} of the
 * data folder: a volume of 0..200 % and a local mute that nobody else notices. A file that cannot be read counts
 * as empty. Thread-safe; each change is written aside and moved into place.
 */
public final class PeopleAudio {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleAudio.class);
    public static final int MAX_PERCENT = 200;

    /** One person's choice; {@link #DEFAULT} is full volume, not muted. */
    public record Choice(int volume, boolean muted) {
        public static final Choice DEFAULT = new Choice(100, false);

        public Choice {
            volume = Math.max(0, Math.min(MAX_PERCENT, volume));
        }

        /** Whether this person's audio plays at all. */
        public boolean heard() {
            return !muted && volume > 0;
        }
    }

    private final Path file;
    private final Map<String, Choice> choices = new ConcurrentHashMap<>();

    private PeopleAudio(Path file) {
        this.file = file;
    }

    /** The choices kept in {@code file} (none when it is missing or unreadable). */
    public static PeopleAudio load(Path file) {
        PeopleAudio out = new PeopleAudio(file);
        if (file != null && Files.exists(file)) {
            try {
                out.choices.putAll(mapper().readValue(file.toFile(), new TypeReference<Map<String, Choice>>() { }));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Per-person audio in {} unreadable ({}); starting afresh", file, e.getMessage());
            }
        }
        return out;
    }

    /** In memory only, for tests and tools. */
    public static PeopleAudio inMemory() {
        return new PeopleAudio(null);
    }

    public Choice of(String userId) {
        return choices.getOrDefault(userId, Choice.DEFAULT);
    }

    /** Remembers {@code choice} for {@code userId} (the default is not stored). */
    public synchronized void set(String userId, Choice choice) {
        if (choice.equals(Choice.DEFAULT)) {
            choices.remove(userId);
        } else {
            choices.put(userId, choice);
        }
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path part = file.resolveSibling(file.getFileName() + ".part");
            mapper().writerWithDefaultPrettyPrinter().writeValue(part.toFile(), Map.copyOf(choices));
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Per-person audio not saved to {}: {}", file, e.getMessage());
        }
    }

    private static ObjectMapper mapper() {
        return Json.newMapper();
    }
}
