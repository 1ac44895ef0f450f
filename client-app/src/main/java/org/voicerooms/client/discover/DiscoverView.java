package org.voicerooms.client.discover;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.model.rooms.RoomCategory;

/** The discover screen: tabs, search, category filter, room cards, "New room"; binds to {@link DiscoverViewModel}. */
public final class DiscoverView {

    private final BorderPane root = new BorderPane();
    private final DiscoverViewModel vm;
    private final VBox main;

    public DiscoverView(DiscoverViewModel vm, AppContext app, Runnable settings) {
        this.vm = vm;
        root.setId("discoverScreen");
        Label title = new Label("Discover");
        title.getStyleClass().add(Styles.TITLE_2);
        Label who = new Label(vm.who() + " · " + vm.serverName());
        who.setId("who");
        who.getStyleClass().add(Styles.TEXT_MUTED);
        Button newRoom = new Button("New room");
        newRoom.setId("newRoom");
        newRoom.getStyleClass().add(Styles.ACCENT);
        newRoom.setOnAction(e -> showCreate(app));
        Button refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.setOnAction(e -> vm.refresh());
        Button settingsButton = new Button("Settings");
        settingsButton.setId("settings");
        settingsButton.setOnAction(e -> settings.run());
        Button leave = new Button(vm.hosting() ? "Stop hosting" : "Sign out");
        leave.setId(vm.hosting() ? "stopHosting" : "signOut");
        leave.disableProperty().bind(vm.stopping());
        leave.setOnAction(e -> {
            if (vm.hosting()) {
                vm.stopHosting();
            } else {
                vm.signOut();
            }
        });
        Button people = new Button("People");
        people.setId("people");
        people.setOnAction(e -> vm.people());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(10, new VBox(2, title, who), gap, people, refresh, settingsButton, leave, newRoom);
        header.setAlignment(Pos.CENTER_LEFT);

        TabPane tabs = new TabPane();
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (DiscoverViewModel.Tab t : DiscoverViewModel.Tab.values()) {
            Tab tab = new Tab(t.label());
            tab.setId("tab-" + t.name());
            tab.setUserData(t);
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                vm.tab().set((DiscoverViewModel.Tab) b.getUserData()));

        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Search rooms");
        search.textProperty().bindBidirectional(vm.query());
        search.setOnAction(e -> vm.refresh());
        ComboBox<RoomCategory> category = new ComboBox<>();
        category.setId("categoryFilter");
        category.getItems().add(null); // "All"
        category.getItems().addAll(RoomCategory.values());
        category.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RoomCategory c) {
                return DiscoverViewModel.categoryName(c);
            }

            @Override
            public RoomCategory fromString(String text) {
                return null;
            }
        });
        category.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(RoomCategory c, boolean empty) {
                super.updateItem(c, empty);
                setText("Category: " + DiscoverViewModel.categoryName(c));
            }
        });
        category.valueProperty().bindBidirectional(vm.category());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.loading());
        TextField link = new TextField();
        link.setId("joinLink");
        link.setPromptText("Paste an invite link or room id");
        link.setPrefColumnCount(22);
        Button joinLink = new Button("Join");
        joinLink.setId("joinByLink");
        joinLink.setOnAction(e -> vm.joinByLink(link.getText()));
        link.setOnAction(e -> joinLink.fire());
        HBox filters = new HBox(10, search, category, spinner, link, joinLink);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);

        Label message = new Label();
        message.setId("discoverMessage");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.message());
        FlowPane grid = new FlowPane(14, 14);
        grid.setId("roomCards");
        vm.cards().addListener((ListChangeListener<DiscoverViewModel.Card>) c ->
                grid.getChildren().setAll(vm.cards().stream().map(this::card).toList()));
        ScrollPane scroll = new ScrollPane(new VBox(10, message, grid));
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        main = new VBox(14, header, tabs, filters, scroll);
        // the lists change as rooms start and fill: reload now and then while this screen is on show
        javafx.animation.Timeline autoRefresh = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(DiscoverViewModel.AUTO_REFRESH_SECONDS), e -> {
                    if (root.getScene() != null && root.getCenter() == main && !vm.loading().get()) {
                        vm.refresh();
                    }
                }));
        autoRefresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
        root.sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                autoRefresh.stop();
            } else {
                autoRefresh.play();
            }
        });
        main.setPadding(new Insets(20));
        root.setCenter(main);
        vm.watchLan();
        vm.refresh();
    }

    private void showCreate(AppContext app) {
        CreateRoomView form = new CreateRoomView(new CreateRoomViewModel(app), room -> {
            root.setCenter(main);
            vm.created(room);
        }, () -> root.setCenter(main));
        root.setCenter(form.root());
    }

    private VBox card(DiscoverViewModel.Card c) {
        Label badge = new Label(c.live() ? "LIVE" : "SCHEDULED");
        badge.getStyleClass().addAll(c.live() ? Styles.DANGER : Styles.ACCENT, "badge");
        Label cat = new Label(c.category());
        cat.getStyleClass().add(Styles.TEXT_MUTED);
        Label t = new Label(c.title());
        t.getStyleClass().add(Styles.TITLE_4);
        t.setWrapText(true);
        Label sub = new Label(c.subtitle());
        sub.getStyleClass().add(Styles.TEXT_SMALL);
        sub.setWrapText(true);
        Label counts = new Label(c.speakers() + " on stage · " + c.participants() + " in the room");
        VBox card = new VBox(6, new HBox(8, badge, cat), t, sub, counts);
        if (c.live()) {
            Button open = new Button("Join");
            open.setId("join-" + c.roomId());
            open.setOnAction(e -> vm.open(c));
            card.getChildren().add(open);
        } else if (c.startable()) {
            Button start = new Button("Start now");
            start.setId("start-" + c.roomId());
            start.getStyleClass().add(Styles.ACCENT);
            start.setOnAction(e -> vm.start(c));
            card.getChildren().add(start);
        }
        card.setPadding(new Insets(14));
        card.setPrefWidth(260);
        card.getStyleClass().addAll("card", "room-card");
        card.setUserData(c);
        return card;
    }

    public Parent root() {
        return root;
    }
}
