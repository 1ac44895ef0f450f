package org.voicerooms.client.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.audio.QualityTier;
import org.voicerooms.model.Json;

/**
 * What the app remembers between runs, in {@code prefs.json} of the data folder: recent servers, the display name,
 * audio choices, the push-to-talk key. A file that cannot be read is replaced by defaults, never fatal.
 */
public record Prefs(List<String> recentServers, String displayName, String microphone, String speaker,
                    boolean echoCancellation, boolean noiseSuppression, boolean autoGainControl, QualityTier tier,
                    String pushToTalkKey, boolean dark) {

    private static final Logger LOG = LoggerFactory.getLogger(Prefs.class);
    private static final int RECENT_KEPT = 8;
    public static final Prefs DEFAULT = new Prefs(List.of(), "", null, null, true, true, true, QualityTier.MEDIUM,
            null, false);

    public Prefs {
        recentServers = recentServers == null ? List.of() : List.copyOf(recentServers);
        tier = tier == null ? QualityTier.MEDIUM : tier;
        displayName = displayName == null ? "" : displayName;
    }

    static Prefs load(Path file) {
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        try {
            return mapper().readValue(file.toFile(), Prefs.class);
        } catch (IOException e) {
            LOG.warn("Settings in {} unreadable ({}); using defaults", file, e.getMessage());
            return DEFAULT;
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            // written aside and moved into place: a reader (the next start) never sees a half-written file
            Path part = file.resolveSibling(file.getFileName() + "." + Thread.currentThread().getId() + ".part");
            mapper().writerWithDefaultPrettyPrinter().writeValue(part.toFile(), this);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Settings not saved to {}: {}", file, e.getMessage());
        }
    }

    private static ObjectMapper mapper() {
        return Json.newMapper();
    }

    /** These prefs with {@code url} first among the recent servers. */
    public Prefs withRecent(String url) {
        List<String> recent = new ArrayList<>(recentServers);
        recent.remove(url);
        recent.add(0, url);
        return new Prefs(recent.subList(0, Math.min(RECENT_KEPT, recent.size())), displayName, microphone, speaker,
                echoCancellation, noiseSuppression, autoGainControl, tier, pushToTalkKey, dark);
    }

    public Prefs withName(String name) {
        return new Prefs(recentServers, name, microphone, speaker, echoCancellation, noiseSuppression,
                autoGainControl, tier, pushToTalkKey, dark);
    }

    public Prefs withAudio(String mic, String spk, boolean aec, boolean ns, boolean agc, QualityTier q, String ptt) {
        return new Prefs(recentServers, displayName, mic, spk, aec, ns, agc, q, ptt, dark);
    }
}
