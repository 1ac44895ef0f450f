package org.voicerooms.client.signin;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.voicerooms.client.lan.LanAddresses;
import org.voicerooms.client.lan.LanServer;

/** The sign-in screen; binds to {@link SignInViewModel}. */
public final class SignInView {

    private final VBox column = new VBox(14);
    private final ScrollPane root = new ScrollPane(column);

    public SignInView(SignInViewModel vm) {
        Label title = new Label("Voice Rooms");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Live audio rooms — on a server, or hosted right here on your network.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);

        ComboBox<String> server = new ComboBox<>(vm.recentServers());
        server.setId("server");
        server.setEditable(true);
        server.setPromptText("Server address, e.g. http://192.168.1.20:8080");
        server.setMaxWidth(Double.MAX_VALUE);
        server.getEditor().textProperty().bindBidirectional(vm.server());

        TextField name = new TextField();
        name.setId("displayName");
        name.setPromptText("Your display name");
        name.textProperty().bindBidirectional(vm.displayName());

        Button guest = new Button("Continue as guest");
        guest.setId("guest");
        guest.getStyleClass().add(Styles.ACCENT);
        guest.setDefaultButton(true);
        guest.setOnAction(e -> vm.continueAsGuest());
        Button host = new Button("Host on this network");
        host.setId("host");
        host.getStyleClass().add(Styles.SUCCESS);
        host.setOnAction(e -> vm.hostOnThisNetwork());
        ComboBox<LanAddresses.Candidate> address = new ComboBox<>(vm.hostAddresses());
        address.setId("hostAddress");
        address.setPromptText("Address to host on");
        address.valueProperty().bindBidirectional(vm.hostAddress());
        address.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(LanAddresses.Candidate c) {
                return c == null ? "" : c.label();
            }

            @Override
            public LanAddresses.Candidate fromString(String text) {
                return null;
            }
        });
        // one address needs no choice; several (Wi-Fi and cable, a VPN) do
        address.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.hostAddresses()).greaterThan(1));
        address.managedProperty().bind(address.visibleProperty());
        Label onlyAddress = new Label();
        onlyAddress.setId("hostAddressOnly");
        onlyAddress.getStyleClass().add(Styles.TEXT_MUTED);
        onlyAddress.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.hostAddress().get() == null ? "" : "on " + vm.hostAddress().get().address().getHostAddress(),
                vm.hostAddress()));
        onlyAddress.visibleProperty().bind(address.visibleProperty().not());
        onlyAddress.managedProperty().bind(onlyAddress.visibleProperty());
        HBox actions = new HBox(10, guest, host, address, onlyAddress);
        actions.setAlignment(Pos.CENTER_LEFT);

        TextField user = new TextField();
        user.setId("username");
        user.setPromptText("Username");
        user.textProperty().bindBidirectional(vm.username());
        PasswordField pass = new PasswordField();
        pass.setId("password");
        pass.setPromptText("Password");
        pass.textProperty().bindBidirectional(vm.password());
        Button login = new Button("Log in");
        login.setId("login");
        login.setOnAction(e -> vm.logIn());
        // Enter in the account fields logs in (the window's default button would continue as a guest)
        user.setOnAction(e -> vm.logIn());
        pass.setOnAction(e -> vm.logIn());
        Button register = new Button("Create account");
        register.setId("register");
        register.setOnAction(e -> vm.register());
        TitledPane account = new TitledPane("Use an account", new VBox(8, user, pass, new HBox(8, login, register)));
        account.setExpanded(false);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busy());
        spinner.managedProperty().bind(vm.busy());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.status());
        Label error = new Label();
        error.setId("error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.error());
        Label notice = new Label();
        notice.setId("notice");
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.WARNING);
        notice.textProperty().bind(vm.notice());
        notice.visibleProperty().bind(vm.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        HBox progress = new HBox(8, spinner, status);
        progress.setAlignment(Pos.CENTER_LEFT);

        Label lanTitle = new Label("On this network");
        lanTitle.getStyleClass().add(Styles.TITLE_4);
        ListView<LanServer> lan = new ListView<>(vm.lanServers());
        lan.setId("lanServers");
        lan.setPrefHeight(150);
        lan.setPlaceholder(new Label("Looking for Voice Rooms servers on your network…"));
        lan.setCellFactory(list -> new LanCell(vm));

        guest.disableProperty().bind(vm.busy());
        host.disableProperty().bind(vm.busy());
        login.disableProperty().bind(vm.busy());
        register.disableProperty().bind(vm.busy());

        VBox card = new VBox(12, title, subtitle, notice, new Label("Server"), server, new Label("Display name"), name,
                actions, account, progress, error, new Separator(), lanTitle, lan);
        card.setMaxWidth(520);
        card.setPadding(new Insets(28));
        card.getStyleClass().add("card");
        column.getChildren().add(card);
        column.setAlignment(Pos.CENTER);
        column.setPadding(new Insets(16));
        // a short window scrolls the card instead of cutting off its bottom
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.getStyleClass().add("edge-to-edge");
        root.setId("signInScreen");
        vm.watchLan();
        vm.findHostAddresses();
    }

    public Parent root() {
        return root;
    }

    /** A LAN server with a one-click join per announced room. */
    private static final class LanCell extends ListCell<LanServer> {
        private final SignInViewModel vm;

        LanCell(SignInViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(LanServer s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            VBox box = new VBox(4);
            Label head = new Label(s.name() + "  ·  " + s.url().getHost() + "  ·  " + s.liveRooms() + " live");
            head.getStyleClass().add(Styles.TEXT_BOLD);
            box.getChildren().add(head);
            if (s.rooms().isEmpty()) {
                Button use = new Button("Use this server");
                use.setOnAction(e -> vm.server().set(s.url().toString()));
                box.getChildren().add(use);
            }
            for (LanServer.LanRoom r : s.rooms()) {
                Label what = new Label(r.title() + " — " + r.participants() + " in, " + r.speakers() + " on stage");
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Button join = new Button("Join");
                join.getStyleClass().add(Styles.SMALL);
                join.setOnAction(e -> vm.joinLanRoom(s, r));
                HBox line = new HBox(8, what, gap, join);
                line.setAlignment(Pos.CENTER_LEFT);
                box.getChildren().add(line);
            }
            setGraphic(box);
        }
    }
}
