package org.voicerooms.client.room;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.voicerooms.model.rooms.RoomRules;
import org.voicerooms.model.rooms.RoomType;

/** The room's side panels as views over {@link RoomTools}: the invite picker and the host's room tools. */
final class RoomPanels {

    private RoomPanels() {
    }

    /** Invite friends (one button each) and copy the room's links. */
    static Node invite(RoomTools tools, Runnable close) {
        Label head = heading("Invite people");
        Label how = new Label("Friends you invite get a notice with Join; in private and friends-only rooms the"
                + " invitation is what lets them in. The link opens the room for anyone allowed in.");
        how.setWrapText(true);
        how.getStyleClass().add(Styles.TEXT_MUTED);
        TextField link = new TextField(tools.webLink());
        link.setId("roomLink");
        link.setEditable(false);
        HBox.setHgrow(link, Priority.ALWAYS);
        Button copy = new Button("Copy link");
        copy.setId("copyLink");
        copy.setOnAction(e -> copy(tools.webLink()));
        Button copyApp = new Button("Copy app link");
        copyApp.setId("copyAppLink");
        copyApp.setOnAction(e -> copy(tools.appLink()));
        ListView<RoomTools.Friend> friends = new ListView<>(tools.friends());
        friends.setId("inviteFriends");
        friends.setPrefHeight(260);
        friends.setPlaceholder(new Label("No friends to invite"));
        friends.setCellFactory(list -> new ListCell<>() {
            private final Label name = new Label();
            private final Button invite = new Button("Invite");
            private final HBox row = new HBox(8, name, grow(), invite);

            {
                row.setAlignment(Pos.CENTER_LEFT);
                invite.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
            }

            @Override
            protected void updateItem(RoomTools.Friend f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setGraphic(null);
                    return;
                }
                name.setText(f.name() + "  @" + f.username());
                invite.setId("inviteFriend-" + f.userId());
                invite.setText(f.invited() ? "Invited" : "Invite");
                invite.setDisable(f.invited());
                invite.setOnAction(e -> tools.invite(f.userId()));
                setGraphic(row);
            }
        });
        tools.loadFriends();
        return panel(close, head, how, new HBox(8, link, copy, copyApp), friends, note(tools));
    }

    /** The host's tools: room settings (saved with PATCH) and the ban list with Unban. */
    static Node host(RoomTools tools, Runnable close) {
        tools.loadSettings();
        tools.loadBans();
        TextField title = new TextField();
        title.setId("editTitle");
        title.textProperty().bindBidirectional(tools.title);
        TextArea description = new TextArea();
        description.setId("editDescription");
        description.setPrefRowCount(2);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(tools.description);
        ComboBox<RoomType> type = new ComboBox<>();
        type.setId("editType");
        type.getItems().addAll(RoomType.values());
        type.valueProperty().bindBidirectional(tools.type);
        type.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RoomType t) {
                return t == null ? "" : switch (t) {
                    case PUBLIC -> "Everyone";
                    case FRIENDS_ONLY -> "Friends of the host";
                    case PRIVATE -> "Invited people only";
                };
            }

            @Override
            public RoomType fromString(String s) {
                return null;
            }
        });
        Spinner<Integer> speakers = new Spinner<>(1, RoomRules.DEFAULT_SPEAKER_CAP, tools.maxSpeakers.get());
        speakers.setId("editMaxSpeakers");
        speakers.valueProperty().addListener((o, a, b) -> tools.maxSpeakers.set(b));
        VBox settings = new VBox(8,
                new Label("Title"), title, new Label("Description"), description,
                new HBox(10, new Label("Who can find it"), type, new Label("Seats on stage"), speakers),
                check("editAnyoneCanSpeak", "Anyone can speak", tools.anyoneCanSpeak),
                check("editAllowHandRaise", "Hands can be raised", tools.allowHandRaise),
                check("editDirectPromote", "Move listeners on stage without asking", tools.directPromote),
                check("editRequireApproval", "Ask before letting people in", tools.requireApproval),
                check("editHideParticipants", "Hide the audience", tools.hideParticipants),
                check("editAllowInvites", "Anyone inside may invite", tools.allowInvites));
        Button save = new Button("Save settings");
        save.setId("saveRoomSettings");
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> tools.saveSettings());

        ListView<RoomTools.Banned> bans = new ListView<>(tools.bans());
        bans.setId("banList");
        bans.setPrefHeight(160);
        bans.setPlaceholder(new Label("Nobody is banned"));
        bans.setCellFactory(list -> new ListCell<>() {
            private final Label name = new Label();
            private final Button unban = new Button("Unban");
            private final HBox row = new HBox(8, name, grow(), unban);

            {
                row.setAlignment(Pos.CENTER_LEFT);
                unban.getStyleClass().add(Styles.SMALL);
            }

            @Override
            protected void updateItem(RoomTools.Banned b, boolean empty) {
                super.updateItem(b, empty);
                if (empty || b == null) {
                    setGraphic(null);
                    return;
                }
                name.setText(b.name());
                unban.setId("unban-" + b.userId());
                unban.setOnAction(e -> tools.unban(b.userId()));
                setGraphic(row);
            }
        });
        return panel(close, heading("Room settings"), settings, save, heading("Banned"), bans, note(tools));
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        return l;
    }

    private static Label note(RoomTools tools) {
        Label note = new Label();
        note.setId("toolsNote");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(tools.note);
        return note;
    }

    private static Node panel(Runnable close, Node... content) {
        Button back = new Button("Back to the room");
        back.setId("closePanel");
        back.setOnAction(e -> close.run());
        VBox box = new VBox(12, content);
        box.getChildren().add(0, back);
        box.setPadding(new Insets(16, 20, 20, 20));
        box.setMaxWidth(720);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("roomPanel");
        return scroll;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Region grow() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }
}
