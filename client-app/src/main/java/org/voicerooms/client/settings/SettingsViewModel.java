package org.voicerooms.client.settings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.Prefs;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.QualityTier;

/**
 * Audio settings: microphone and speaker (the lists follow devices being plugged in and out), AEC / NS / AGC,
 * quality tier, push-to-talk key. Device choices apply at once; processing and tier apply to the next room
 * joined. Saved in the app's preferences.
 */
public final class SettingsViewModel {

    /** Shown for "use the system default". */
    public static final String SYSTEM_DEFAULT = "System default";

    private final AppContext app;
    final ObservableList<String> microphones = FXCollections.observableArrayList();
    final ObservableList<String> speakers = FXCollections.observableArrayList();
    final StringProperty microphone = new SimpleStringProperty(SYSTEM_DEFAULT);
    final StringProperty speaker = new SimpleStringProperty(SYSTEM_DEFAULT);
    final BooleanProperty echoCancellation = new SimpleBooleanProperty();
    final BooleanProperty noiseSuppression = new SimpleBooleanProperty();
    final BooleanProperty autoGainControl = new SimpleBooleanProperty();
    final ObjectProperty<QualityTier> tier = new SimpleObjectProperty<>();
    final StringProperty pushToTalk = new SimpleStringProperty("");
    final StringProperty note = new SimpleStringProperty("");
    final javafx.beans.property.DoubleProperty inputLevel = new javafx.beans.property.SimpleDoubleProperty();
    private volatile org.voicerooms.client.audio.MicMeter meter;

    public SettingsViewModel(AppContext app) {
        this.app = app;
        Prefs p = app.prefs();
        microphone.set(p.microphone() == null ? SYSTEM_DEFAULT : p.microphone());
        speaker.set(p.speaker() == null ? SYSTEM_DEFAULT : p.speaker());
        echoCancellation.set(p.echoCancellation());
        noiseSuppression.set(p.noiseSuppression());
        autoGainControl.set(p.autoGainControl());
        tier.set(p.tier());
        pushToTalk.set(p.pushToTalkKey() == null ? "" : p.pushToTalkKey());
    }

    public ObservableList<String> microphones() {
        return microphones;
    }

    public ObservableList<String> speakers() {
        return speakers;
    }

    public StringProperty microphone() {
        return microphone;
    }

    public StringProperty note() {
        return note;
    }

    /** Lists the devices in the background, and again whenever one is plugged in or removed. */
    public void load() {
        note.set("Looking for audio devices…");
        app.async(app::audio).thenAcceptAsync(engine -> {
            if (engine == null) {
                note.set(app.audioProblem());
                return;
            }
            list(engine);
            app.async(engine::meter).thenAcceptAsync(m -> {
                if (closed) {
                    m.close();
                } else {
                    meter = m;
                }
            }, app.ui());
            engine.addDeviceListener(change -> app.ui().execute(() -> {
                list(engine);
                note.set((change.microphone() ? "Microphone " : "Speaker ") + change.name()
                        + (change.connected() ? " connected" : " removed"));
            }));
        }, app.ui());
    }

    private volatile boolean closed;

    /** The live input level, 0 to 1; read it a few times a second. */
    public javafx.beans.property.DoubleProperty inputLevel() {
        return inputLevel;
    }

    /** Updates {@link #inputLevel} from the microphone meter. UI thread. */
    public void tick() {
        var m = meter;
        inputLevel.set(m == null ? 0 : m.level());
    }

    /** Stops the meter when the screen goes away. */
    public void close() {
        closed = true;
        var m = meter;
        meter = null;
        if (m != null) {
            app.async(() -> {
                m.close();
                return true;
            });
        }
    }

    private void list(AudioEngine engine) {
        microphones.setAll(SYSTEM_DEFAULT);
        microphones.addAll(engine.microphones());
        speakers.setAll(SYSTEM_DEFAULT);
        speakers.addAll(engine.speakers());
        note.set(engine.microphones().isEmpty() ? "No microphone found." : "");
    }

    private static String device(String shown) {
        return shown == null || shown.equals(SYSTEM_DEFAULT) ? null : shown;
    }

    /** Saves and applies: devices now, quality for new connections, processing from the next room. */
    public void apply() {
        String ptt = pushToTalk.get() == null || pushToTalk.get().isBlank() ? null : pushToTalk.get().strip();
        Prefs next = app.prefs().withAudio(device(microphone.get()), device(speaker.get()), echoCancellation.get(),
                noiseSuppression.get(), autoGainControl.get(), tier.get(), ptt);
        app.prefs(next);
        AudioEngine engine = app.audio();
        if (engine != null) {
            app.async(() -> {
                engine.applySettings(engine.settings().withTier(next.tier())
                        .withProcessing(next.echoCancellation(), next.noiseSuppression(), next.autoGainControl())
                        .withDevices(next.microphone(), next.speaker()));
                return true;
            });
        }
        note.set("Saved.");
    }
}
