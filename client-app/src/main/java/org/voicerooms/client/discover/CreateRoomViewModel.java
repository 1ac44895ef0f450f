package org.voicerooms.client.discover;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomType;

/**
 * The create / schedule room form: every room option. The server validates; its typed errors come back as a
 * message next to the field they name ({@code fieldErrors}, keyed by the server's field name), others as
 * {@code error}.
 */
public final class CreateRoomViewModel {

    /** Server field names the form shows errors next to; errors naming others show at the bottom. */
    static final java.util.Set<String> FIELDS = java.util.Set.of("title", "description", "type", "category",
            "maxParticipants", "maxSpeakers", "tags", "language", "scheduledFor", "permissions", "privacy");
    private final AppContext app;
    final StringProperty title = new SimpleStringProperty("");
    final StringProperty description = new SimpleStringProperty("");
    final ObjectProperty<RoomType> type = new SimpleObjectProperty<>(RoomType.PUBLIC);
    final ObjectProperty<RoomCategory> category = new SimpleObjectProperty<>(RoomCategory.CASUAL);
    final StringProperty maxParticipants = new SimpleStringProperty("");
    final StringProperty maxSpeakers = new SimpleStringProperty("");
    final BooleanProperty anyoneCanSpeak = new SimpleBooleanProperty(RoomPermissions.DEFAULT.anyoneCanSpeak());
    final BooleanProperty allowHandRaise = new SimpleBooleanProperty(RoomPermissions.DEFAULT.allowHandRaise());
    final BooleanProperty allowRecording = new SimpleBooleanProperty(RoomPermissions.DEFAULT.allowRecording());
    final BooleanProperty directPromote = new SimpleBooleanProperty(RoomPermissions.DEFAULT.mayPromoteDirectly());
    final BooleanProperty requireApproval = new SimpleBooleanProperty(RoomPrivacy.DEFAULT.requireApproval());
    final BooleanProperty hideParticipants = new SimpleBooleanProperty(RoomPrivacy.DEFAULT.hideParticipants());
    final BooleanProperty allowInvites = new SimpleBooleanProperty(RoomPrivacy.DEFAULT.allowInvites());
    final StringProperty tags = new SimpleStringProperty("");
    final StringProperty language = new SimpleStringProperty("");
    final ObjectProperty<LocalDate> scheduleDate = new SimpleObjectProperty<>();
    final StringProperty scheduleTime = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty error = new SimpleStringProperty("");
    final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();

    public CreateRoomViewModel(AppContext app) {
        this.app = app;
        // A room's type picks the invite default, as on the server: private rooms start host-and-moderators only.
        type.addListener((o, before, now) -> allowInvites.set(RoomPrivacy.defaultFor(now).allowInvites()));
    }

    public StringProperty title() {
        return title;
    }

    public StringProperty maxSpeakers() {
        return maxSpeakers;
    }

    public StringProperty tags() {
        return tags;
    }

    public StringProperty error() {
        return error;
    }

    public ObservableMap<String, String> fieldErrors() {
        return fieldErrors;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** The settings the form describes; a field that cannot even be read locally is reported and gives null. */
    RoomSettings settings() {
        fieldErrors.clear();
        error.set("");
        Integer participants = number("maxParticipants", maxParticipants.get());
        Integer speakers = number("maxSpeakers", maxSpeakers.get());
        java.time.Instant when = null;
        if (scheduleDate.get() == null && !scheduleTime.get().isBlank()) {
            fieldErrors.put("scheduledFor", "Pick a date for this time, or clear the time.");
        } else if (scheduleDate.get() != null) {
            try {
                LocalTime t = scheduleTime.get().isBlank() ? LocalTime.NOON : LocalTime.parse(scheduleTime.get()
                        .strip());
                when = scheduleDate.get().atTime(t).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                fieldErrors.put("scheduledFor", "Time as HH:MM, e.g. 18:30");
            }
        }
        if (!fieldErrors.isEmpty()) {
            return null;
        }
        List<String> tagList = tags.get().isBlank() ? null : Arrays.stream(tags.get().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new RoomSettings(title.get().strip(), description.get().isBlank() ? null : description.get(),
                type.get(), category.get(), participants, speakers,
                new RoomPermissions(anyoneCanSpeak.get(), allowRecording.get(), allowHandRaise.get(),
                        directPromote.get()),
                new RoomPrivacy(requireApproval.get(), hideParticipants.get(), allowInvites.get()), tagList,
                language.get().isBlank() ? null : language.get().strip(), when);
    }

    private Integer number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            fieldErrors.put(field, "Enter a whole number");
            return null;
        }
    }

    /** The form's words for the server's field names. */
    static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(java.util.Map.entry("title", "Title"),
            java.util.Map.entry("description", "Description"), java.util.Map.entry("type", "Who can join"),
            java.util.Map.entry("category", "Category"), java.util.Map.entry("maxParticipants", "Max participants"),
            java.util.Map.entry("maxSpeakers", "Max speakers"), java.util.Map.entry("tags", "Each tag"),
            java.util.Map.entry("language", "Language"), java.util.Map.entry("scheduledFor", "The start time"),
            java.util.Map.entry("permissions", "Permissions"), java.util.Map.entry("privacy", "Privacy"));

    /**
     * A server validation message as a sentence in the form's words: "maxSpeakers must be between 1 and 50" reads
     * "Max speakers must be between 1 and 50."
     */
    static String sentence(String field, String message) {
        String text = message == null || message.isBlank() ? "is not valid" : message.strip();
        String key = field == null ? null : field.split("[.\\[]")[0];
        if (field != null && text.startsWith(field + " ")) {
            text = text.substring(field.length() + 1);
        } else if (key != null && text.startsWith(key + " ")) {
            text = text.substring(key.length() + 1);
        } else if (key == null || !LABELS.containsKey(key)) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
        }
        return LABELS.getOrDefault(key, key) + " " + text + (text.endsWith(".") ? "" : ".");
    }

    /** Sends the form; {@code onCreated} runs on the UI thread with the new room. */
    public void create(Consumer<RoomListing> onCreated) {
        RoomSettings s = settings();
        if (s == null) {
            return;
        }
        busy.set(true);
        app.async(() -> app.api().createRoom(s)).whenCompleteAsync((room, failure) -> {
            busy.set(false);
            if (failure == null) {
                onCreated.accept(room);
                return;
            }
            ApiError e = RoomSession.errorOf(failure);
            String field = e.field() == null ? null : e.field().split("[.\\[]")[0];
            if (e.code() == ErrorCode.VALIDATION_FAILED && FIELDS.contains(field)) {
                fieldErrors.put(field, sentence(e.field(), e.message()));
            } else {
                error.set(Messages.of(e));
            }
        }, app.ui());
    }
}
