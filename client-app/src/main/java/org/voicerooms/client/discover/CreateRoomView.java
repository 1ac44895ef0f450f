package org.voicerooms.client.discover;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomRules;
import org.voicerooms.model.rooms.RoomType;

/** The create / schedule room form; binds to {@link CreateRoomViewModel}. Field errors show under their field. */
final class CreateRoomView {

    private final ScrollPane root;
    private final CreateRoomViewModel vm;
    private final GridPane grid = new GridPane();
    private int row;

    CreateRoomView(CreateRoomViewModel vm, Consumer<RoomListing> created, Runnable cancel) {
        this.vm = vm;
        grid.setHgap(12);
        grid.setVgap(6);
        // the labels' column is as wide as its longest label: none is cut to "Max partici…"
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints inputs = new javafx.scene.layout.ColumnConstraints();
        inputs.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, inputs);
        TextField title = text("title", vm.title);
        title.setPromptText("What's the room about?");
        field("Title", "title", title);
        TextArea description = new TextArea();
        description.setId("description");
        description.setPrefRowCount(2);
        description.textProperty().bindBidirectional(vm.description);
        field("Description", "description", description);
        ComboBox<RoomType> type = new ComboBox<>();
        type.setId("type");
        type.getItems().setAll(RoomType.PUBLIC, RoomType.FRIENDS_ONLY, RoomType.PRIVATE);
        type.setConverter(words(CreateRoomView::typeName));
        type.valueProperty().bindBidirectional(vm.type);
        field("Who can join", "type", type);
        ComboBox<RoomCategory> category = new ComboBox<>();
        category.setId("category");
        category.getItems().setAll(RoomCategory.values());
        category.setConverter(words(DiscoverViewModel::categoryName));
        category.valueProperty().bindBidirectional(vm.category);
        field("Category", "category", category);
        TextField participants = text("maxParticipants", vm.maxParticipants);
        participants.setPromptText(RoomRules.DEFAULT_MAX_PARTICIPANTS + " (default)");
        field("Max participants", "maxParticipants", participants);
        TextField speakers = text("maxSpeakers", vm.maxSpeakers);
        speakers.setPromptText(RoomRules.DEFAULT_MAX_SPEAKERS + " (default)");
        field("Max speakers", "maxSpeakers", speakers);
        field("Permissions", "permissions", new VBox(4, check("Anyone can speak", vm.anyoneCanSpeak),
                check("Listeners may raise a hand", vm.allowHandRaise),
                check("Move listeners on stage without asking", vm.directPromote),
                check("Allow recording", vm.allowRecording)));
        field("Privacy", "privacy", new VBox(4, check("Ask before letting people in", vm.requireApproval),
                check("Hide the audience", vm.hideParticipants), check("Anyone may invite", vm.allowInvites)));
        TextField tags = text("tags", vm.tags);
        tags.setPromptText("comma, separated");
        field("Tags", "tags", tags);
        TextField language = text("language", vm.language);
        language.setPromptText("e.g. en");
        field("Language", "language", language);
        DatePicker date = new DatePicker();
        date.setId("scheduleDate");
        date.valueProperty().bindBidirectional(vm.scheduleDate);
        TextField time = text("scheduleTime", vm.scheduleTime);
        time.setPromptText("HH:MM");
        field("Schedule (optional)", "scheduledFor", new HBox(8, date, time));

        Label error = new Label();
        error.setId("createError");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.error);
        Button create = new Button("Create room");
        create.setId("createRoom");
        create.getStyleClass().add(Styles.ACCENT);
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.busy);
        create.setOnAction(e -> vm.create(created));
        Button back = new Button("Cancel");
        back.setId("cancelCreate");
        back.setCancelButton(true);
        back.setOnAction(e -> cancel.run());
        Label head = new Label("New room");
        head.getStyleClass().add(Styles.TITLE_2);
        VBox box = new VBox(14, head, grid, error, new HBox(10, create, back));
        box.setPadding(new Insets(24));
        box.setMaxWidth(640);
        root = new ScrollPane(box);
        root.setFitToWidth(true);
        root.setId("createRoomScreen");
    }

    static String typeName(RoomType t) {
        return t == null ? "" : switch (t) {
            case PUBLIC -> "Public";
            case FRIENDS_ONLY -> "Friends only";
            case PRIVATE -> "Private (invitation only)";
        };
    }

    private static <T> javafx.util.StringConverter<T> words(java.util.function.Function<T, String> name) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }

    Parent root() {
        return root;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static CheckBox check(String label, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(label);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    /** A labelled field with its error line, shown when the server (or the form) names this field. */
    private void field(String label, String key, Node input) {
        Label problem = new Label();
        problem.setId(key + "Error");
        problem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        problem.setManaged(false);
        problem.setVisible(false);
        vm.fieldErrors.addListener((MapChangeListener<String, String>) c -> {
            String msg = vm.fieldErrors.get(key);
            problem.setText(msg == null ? "" : msg);
            problem.setVisible(msg != null);
            problem.setManaged(msg != null);
        });
        grid.add(new Label(label), 0, row);
        grid.add(new VBox(2, input, problem), 1, row);
        row++;
    }
}
