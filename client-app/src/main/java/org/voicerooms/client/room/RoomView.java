package org.voicerooms.client.room;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.Role;

/** The room screen; binds to {@link RoomViewModel}. */
public final class RoomView {

    private final BorderPane root = new BorderPane();
    private final RoomViewModel vm;
    private final Map<String, Circle> rings = new HashMap<>();
    private final Timeline ticker;
    private Node roomCenter;
    private Node roomSide;
    private final RoomTools tools;

    public RoomView(RoomViewModel vm, Runnable settings) {
        this.vm = vm;
        this.tools = new RoomTools(vm);
        root.setId("roomScreen");

        Label title = new Label();
        title.setId("roomTitle");
        title.getStyleClass().add(Styles.TITLE_2);
        title.textProperty().bind(vm.title);
        Label status = new Label();
        status.setId("roomStatus");
        status.getStyleClass().add(Styles.WARNING);
        status.textProperty().bind(vm.status);
        Label quality = new Label();
        quality.setId("quality");
        quality.getStyleClass().add(Styles.TEXT_MUTED);
        quality.textProperty().bind(vm.quality);
        Label audioNote = new Label();
        audioNote.setId("audioNote");
        audioNote.getStyleClass().add(Styles.TEXT_MUTED);
        audioNote.textProperty().bind(vm.audioNote);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label audioPath = new Label();
        audioPath.setId("audioPath");
        audioPath.getStyleClass().add(Styles.TEXT_MUTED);
        audioPath.textProperty().bind(vm.audioPath);
        HBox header = new HBox(12, new VBox(2, title, status), gap, new VBox(2, quality, audioPath, audioNote));
        header.setPadding(new Insets(16, 20, 8, 20));
        root.setTop(header);

        FlowPane stage = new FlowPane(18, 18);
        stage.setId("stage");
        FlowPane audience = new FlowPane(14, 14);
        audience.setId("audience");
        vm.stage.addListener((ListChangeListener<RoomViewModel.Person>) c -> fill(stage, vm.stage, 64));
        vm.audience.addListener((ListChangeListener<RoomViewModel.Person>) c -> fill(audience, vm.audience, 44));
        Label stageLabel = new Label("Stage");
        stageLabel.getStyleClass().add(Styles.TITLE_4);
        Label audienceLabel = new Label("Audience");
        audienceLabel.getStyleClass().add(Styles.TITLE_4);
        Button more = new Button();
        more.setId("moreAudience");
        more.textProperty().bind(javafx.beans.binding.Bindings.when(vm.audiencePages.loading)
                .then("Loading…").otherwise(vm.audiencePages.unlisted.asString("Show more (%d not listed yet)")));
        more.visibleProperty().bind(vm.audiencePages.unlisted.greaterThan(0));
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(vm.audiencePages.loading);
        more.setOnAction(e -> vm.audiencePages.showMore());
        VBox people = new VBox(12, stageLabel, stage, audienceLabel, audience, more);
        people.setPadding(new Insets(8, 20, 20, 20));
        ScrollPane center = new ScrollPane(people);
        center.setFitToWidth(true);
        root.setCenter(center);
        root.setRight(side());
        root.setBottom(bottomBar(settings));

        ticker = new Timeline(new KeyFrame(Duration.millis(150), e -> {
            vm.tick();
            rings.forEach((id, ring) -> ring(ring, vm.ringLevel(id)));
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        Timeline qualityCheck = new Timeline(new KeyFrame(Duration.seconds(2), e -> vm.checkQuality()));
        qualityCheck.setCycleCount(Timeline.INDEFINITE);
        qualityCheck.play();
        vm.state.addListener((o, a, b) -> {
            if (b == RoomSession.Status.ENDED || b == RoomSession.Status.KICKED || b == RoomSession.Status.LEFT) {
                ticker.stop();
                qualityCheck.stop();
            }
        });
    }

    private static void ring(Circle ring, double level) {
        double shown = Math.min(1, level * 3);
        ring.setOpacity(shown < 0.05 ? 0 : 0.3 + 0.7 * shown);
        ring.setStrokeWidth(2 + 4 * shown);
    }

    private void fill(FlowPane pane, java.util.List<RoomViewModel.Person> people, double size) {
        // Speaking comes and goes every few seconds and only moves the rings: tiles are rebuilt only when what they
        // show changes, so a person's menu open on one is not pulled away from under the pointer.
        var shown = people.stream().map(p -> new RoomViewModel.Person(p.userId(), p.name(), p.initials(), p.role(),
                p.muted(), false, p.handRaised(), p.you())).toList();
        if (shown.equals(pane.getUserData())) {
            return;
        }
        pane.setUserData(shown);
        pane.getChildren().setAll(people.stream().map(p -> tile(p, size)).toList());
    }

    private Node tile(RoomViewModel.Person p, double size) {
        Circle avatar = new Circle(size / 2, Color.web(color(p.userId())));
        Label initials = new Label(p.initials());
        initials.setStyle("-fx-text-fill: white; -fx-font-weight: bold; -fx-font-size: " + (size / 2.6) + "px;");
        Circle ring = new Circle(size / 2 + 5, Color.TRANSPARENT);
        ring.setStroke(Color.web("#2da44e"));
        ring.setOpacity(0);
        ring.setId("ring-" + p.userId());
        rings.put(p.userId(), ring);
        StackPane face = new StackPane(ring, avatar, initials);
        Label name = new Label(p.name() + (p.you() ? " (you)" : ""));
        name.getStyleClass().add(Styles.TEXT_SMALL);
        HBox badges = new HBox(4);
        badges.setAlignment(Pos.CENTER);
        if (p.role() == Role.HOST || p.role() == Role.MODERATOR) {
            Label badge = new Label(p.role() == Role.HOST ? "Host" : "Mod");
            badge.getStyleClass().addAll("badge", Styles.ACCENT);
            badges.getChildren().add(badge);
        }
        if (p.muted() && p.role().onStage()) {
            Label mute = new Label("Muted");
            mute.getStyleClass().addAll("badge", Styles.DANGER);
            mute.setId("muted-" + p.userId());
            badges.getChildren().add(mute);
        }
        if (p.handRaised()) {
            Label hand = new Label("Hand up");
            hand.getStyleClass().addAll("badge", Styles.WARNING);
            badges.getChildren().add(hand);
        }
        VBox tile = new VBox(4, face, name, badges);
        tile.setAlignment(Pos.TOP_CENTER);
        tile.setPrefWidth(size + 48);
        tile.setId("person-" + p.userId());
        tile.setUserData(p);
        tile.getStyleClass().add("person-tile");
        tile.setFocusTraversable(true);
        tile.setAccessibleText(p.name() + ", " + p.role().wire() + (p.muted() && p.role().onStage() ? ", muted" : ""));
        var actions = vm.actionsFor(p);
        if (!actions.isEmpty() || !p.you()) {
            ContextMenu menu = new ContextMenu();
            if (!p.you()) {
                menu.getItems().addAll(PersonAudioMenu.items(vm, p));
            }
            for (RoomViewModel.Action a : actions) {
                MenuItem item = new MenuItem(a.label());
                item.setId("action-" + a.name());
                item.setOnAction(e -> vm.perform(a, p.userId()));
                menu.getItems().add(item);
            }
            // right click, the context-menu key, or a plain click / Enter / Space: the person's menu
            tile.setOnContextMenuRequested(e -> {
                if (e.isKeyboardTrigger()) {
                    menu.show(tile, javafx.geometry.Side.BOTTOM, 0, 0);
                } else {
                    menu.show(tile, e.getScreenX(), e.getScreenY());
                }
            });
            tile.setOnKeyPressed(e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE
                        || e.getCode() == javafx.scene.input.KeyCode.CONTEXT_MENU) {
                    menu.show(tile, javafx.geometry.Side.BOTTOM, 0, 0);
                    e.consume();
                }
            });
            tile.setOnMouseClicked(e -> {
                if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                    menu.show(tile, e.getScreenX(), e.getScreenY());
                }
            });
        }
        return tile;
    }

    private static String color(String id) {
        String[] palette = {"#0969da", "#8250df", "#bf3989", "#cf222e", "#bc4c00", "#1a7f37", "#0a3069", "#6639ba"};
        return palette[Math.floorMod(id.hashCode(), palette.length)];
    }

    private Node side() {
        Label handsLabel = new Label("Hands raised");
        handsLabel.getStyleClass().add(Styles.TITLE_4);
        ListView<RoomViewModel.HandItem> hands = new ListView<>(vm.hands);
        hands.setId("hands");
        hands.setPrefHeight(130);
        hands.setMinHeight(80);
        hands.setPlaceholder(new Label("No hands raised"));
        hands.setCellFactory(list -> personRow("approve", "Approve", h -> vm.approve(h.userId()),
                "deny", "Deny", h -> vm.deny(h.userId())));
        Button lowerAll = new Button("Lower all hands");
        lowerAll.setId("lowerAll");
        lowerAll.getStyleClass().add(Styles.SMALL);
        lowerAll.setOnAction(e -> vm.lowerAllHands());
        VBox queue = new VBox(6, handsLabel, hands, lowerAll);
        queue.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::canModerate, vm.you));
        queue.managedProperty().bind(queue.visibleProperty());

        Label knocksLabel = new Label("Waiting to join");
        knocksLabel.getStyleClass().add(Styles.TITLE_4);
        ListView<RoomViewModel.HandItem> knocks = new ListView<>(vm.knocks);
        knocks.setId("knocks");
        // never squashed by the chat under it: the people at the door are the host's first job
        knocks.setPrefHeight(110);
        knocks.setMinHeight(Region.USE_PREF_SIZE);
        knocks.setCellFactory(list -> personRow("admit", "Let in", k -> vm.answerKnock(k.userId(), true),
                "refuse", "Decline", k -> vm.answerKnock(k.userId(), false)));
        VBox door = new VBox(6, knocksLabel, knocks);
        door.setId("door");
        door.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.canModerate() && !vm.knocks.isEmpty(), vm.you, vm.knocks));
        door.managedProperty().bind(door.visibleProperty());

        Label chatLabel = new Label("Chat");
        chatLabel.getStyleClass().add(Styles.TITLE_4);
        ListView<String> chat = new ListView<>(vm.chat);
        chat.setId("chat");
        VBox.setVgrow(chat, Priority.ALWAYS);
        chat.setMinHeight(100);
        TextField message = new TextField();
        message.setId("chatInput");
        message.setPromptText("Say something");
        message.setOnAction(e -> {
            vm.sendChat(message.getText());
            message.clear();
        });
        HBox reactions = new HBox(4);
        for (String emoji : RoomViewModel.REACTIONS.keySet()) {
            Button b = new Button(emoji);
            b.setId("react-" + RoomViewModel.REACTIONS.get(emoji));
            b.setTooltip(new javafx.scene.control.Tooltip(RoomViewModel.REACTIONS.get(emoji)));
            b.getStyleClass().add("emoji");
            b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            b.setOnAction(e -> vm.react(emoji));
            reactions.getChildren().add(b);
        }
        Label reaction = new Label();
        reaction.setId("lastReaction");
        reaction.textProperty().bind(vm.lastReaction);
        reaction.getStyleClass().add("emoji");
        reaction.setOpacity(0);
        // a reaction shows for a moment and fades, like a clap in a hall
        javafx.animation.FadeTransition fade = new javafx.animation.FadeTransition(Duration.seconds(3), reaction);
        fade.setFromValue(1);
        fade.setToValue(0);
        fade.setDelay(Duration.seconds(1));
        vm.reactionCount.addListener((o, a, b) -> {
            fade.stop();
            reaction.setOpacity(1);
            fade.playFromStart();
        });
        VBox side = new VBox(10, door, queue, chatLabel, chat, message, reactions, reaction);
        side.setPadding(new Insets(8, 20, 20, 8));
        // a short window scrolls the side column rather than shrinking its lists to nothing
        ScrollPane scroll = new ScrollPane(side);
        scroll.setId("side");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(320);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    /** A list row for a waiting person: their name and two small buttons (ids {@code <prefix>-<userId>}). */
    private static javafx.scene.control.ListCell<RoomViewModel.HandItem> personRow(
            String yesId, String yes,
            java.util.function.Consumer<RoomViewModel.HandItem> onYes, String noId, String no,
            java.util.function.Consumer<RoomViewModel.HandItem> onNo) {
        // one row of nodes per cell, refilled: the lists are re-set on every room change, and rebuilding the
        // buttons each time would pull a button away from under a click
        return new javafx.scene.control.ListCell<>() {
            private final Label name = new Label();
            private final Button ok = new Button(yes);
            private final Button nope = new Button(no);
            private final HBox row = new HBox(6, name, grow(), ok, nope);

            {
                ok.getStyleClass().addAll(Styles.SMALL, Styles.SUCCESS);
                nope.getStyleClass().add(Styles.SMALL);
                row.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(RoomViewModel.HandItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                name.setText(item.name());
                ok.setId(yesId + "-" + item.userId());
                ok.setOnAction(e -> onYes.accept(item));
                nope.setId(noId + "-" + item.userId());
                nope.setOnAction(e -> onNo.accept(item));
                setGraphic(row);
            }
        };
    }

    private static Region grow() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }

    private Node bottomBar(Runnable settings) {
        Label cue = new Label();
        cue.setId("cue");
        cue.getStyleClass().add(Styles.TEXT_BOLD);
        cue.textProperty().bind(vm.cue);
        Button leave = new Button("Leave");
        leave.setId("leave");
        leave.setOnAction(e -> vm.requestLeave());
        Button hand = new Button();
        hand.setId("hand");
        hand.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.you.get() != null && vm.you.get().handRaised() ? "Lower hand" : "Raise hand", vm.you));
        hand.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                vm.you.get() != null && !vm.you.get().role().onStage() && !vm.openStage.get(), vm.you, vm.openStage));
        hand.managedProperty().bind(hand.visibleProperty());
        hand.setOnAction(e -> vm.toggleHand());
        Button speak = new Button("Speak");
        speak.setId("speak");
        speak.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                vm.you.get() != null && !vm.you.get().role().onStage() && vm.openStage.get(), vm.you, vm.openStage));
        speak.managedProperty().bind(speak.visibleProperty());
        speak.setOnAction(e -> vm.requestToSpeak());
        Button mute = new Button();
        mute.setId("mute");
        mute.textProperty().bind(javafx.beans.binding.Bindings.when(vm.muted).then("Unmute").otherwise("Mute"));
        mute.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                vm.you.get() != null && vm.you.get().role().onStage(), vm.you));
        mute.managedProperty().bind(mute.visibleProperty());
        mute.setOnAction(e -> vm.toggleMute());
        Button invite = new Button("Invite");
        invite.setId("invite");
        invite.setOnAction(e -> showPanel(RoomPanels.invite(tools, this::closePanel)));
        Button hostTools = new Button("Room");
        hostTools.setId("roomTools");
        hostTools.setTooltip(new javafx.scene.control.Tooltip("Room settings and the ban list"));
        hostTools.setOnAction(e -> showPanel(RoomPanels.host(tools, this::closePanel)));
        Button settingsButton = new Button("Settings");
        settingsButton.setId("roomSettings");
        settingsButton.setOnAction(e -> settings.run());
        Button end = new Button("End room");
        end.setId("endRoom");
        end.getStyleClass().add(Styles.DANGER);
        end.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::isHost, vm.you));
        end.managedProperty().bind(end.visibleProperty());
        end.setOnAction(e -> vm.end());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // a narrow window folds the less used buttons into one menu instead of cutting them off
        MenuItem inviteItem = new MenuItem("Invite");
        inviteItem.setId("moreInvite");
        inviteItem.setOnAction(e -> invite.fire());
        MenuItem settingsItem = new MenuItem("Settings");
        settingsItem.setId("moreSettings");
        settingsItem.setOnAction(e -> settings.run());
        MenuItem toolsItem = new MenuItem("Room settings and bans");
        toolsItem.setId("moreRoomTools");
        toolsItem.setOnAction(e -> hostTools.fire());
        toolsItem.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::canModerate, vm.you));
        javafx.scene.control.MenuButton more = new javafx.scene.control.MenuButton("More", null, inviteItem,
                toolsItem, settingsItem);
        more.setId("more");
        HBox bar = new HBox(10, cue, gap, leave, hand, speak, mute, invite, hostTools, settingsButton, more, end);
        cue.setMinWidth(0);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12, 20, 16, 20));
        bar.getStyleClass().add("bottom-bar");
        javafx.beans.binding.BooleanBinding compact = bar.widthProperty().lessThan(COMPACT_WIDTH);
        for (Node wide : List.of(invite, settingsButton)) {
            wide.visibleProperty().bind(compact.not());
            wide.managedProperty().bind(compact.not());
        }
        more.visibleProperty().bind(compact);
        more.managedProperty().bind(compact);
        // the host's Room button: for staff, folded into More with the others in a narrow window
        hostTools.visibleProperty().bind(compact.not().and(javafx.beans.binding.Bindings.createBooleanBinding(
                vm::canModerate, vm.you)));
        hostTools.managedProperty().bind(hostTools.visibleProperty());
        return bar;
    }

    /** Below this width the bottom bar folds Invite and Settings into "More". */
    static final double COMPACT_WIDTH = 1000;

    public Parent root() {
        return root;
    }

    /**
     * Shows {@code panel} (settings) in place of the people and the side column, keeping the header and the
     * bottom bar: mute and leave stay at hand. {@link #closePanel} brings the room back.
     */
    public void showPanel(Node panel) {
        if (roomCenter == null) {
            roomCenter = root.getCenter();
            roomSide = root.getRight();
        }
        root.setCenter(panel);
        root.setRight(null);
    }

    public void closePanel() {
        if (roomCenter != null) {
            root.setCenter(roomCenter);
            root.setRight(roomSide);
            roomCenter = null;
            roomSide = null;
        }
    }

    /** Stops the timers when the screen goes away. */
    public void dispose() {
        ticker.stop();
    }
}
