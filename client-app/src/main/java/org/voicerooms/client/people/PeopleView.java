package org.voicerooms.client.people;

import atlantafx.base.theme.Styles;
import java.util.function.BiConsumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The People screen; binds to {@link PeopleViewModel}. Node ids: {@code friendUsername}, {@code addFriend}, … */
public final class PeopleView {

    private final BorderPane root = new BorderPane();

    public PeopleView(PeopleViewModel vm) {
        root.setId("peopleScreen");
        Label title = new Label("People");
        title.getStyleClass().add(Styles.TITLE_2);
        Button back = new Button("Back to rooms");
        back.setId("peopleBack");
        back.setOnAction(e -> vm.back());
        Button refresh = new Button("Refresh");
        refresh.setId("peopleRefresh");
        refresh.setOnAction(e -> vm.refresh());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.loading);
        HBox header = new HBox(10, title, spinner, grow(), refresh, back);
        header.setAlignment(Pos.CENTER_LEFT);

        TextField name = new TextField();
        name.setId("friendUsername");
        name.setPromptText("Find someone by username");
        name.textProperty().bindBidirectional(vm.username);
        name.setOnAction(e -> vm.add());
        HBox.setHgrow(name, Priority.ALWAYS);
        Button add = new Button("Add friend");
        add.setId("addFriend");
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> vm.add());
        Label message = new Label();
        message.setId("peopleMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.message);

        ListView<PeopleViewModel.Row> incoming = list("incoming", vm.incoming, "No requests waiting",
                (row, cell) -> cell.buttons(button("accept-" + row.userId(), "Accept", Styles.SUCCESS,
                        () -> vm.accept(row.userId())), button("decline-" + row.userId(), "Decline", null,
                        () -> vm.remove(row.userId()))));
        ListView<PeopleViewModel.Row> friends = list("friends", vm.friends, "No friends yet — add someone above",
                (row, cell) -> {
                    Button join = button("joinFriend-" + row.userId(), "Join", Styles.ACCENT, () -> vm.join(row));
                    join.setVisible(row.inRoom());
                    join.setManaged(row.inRoom());
                    cell.buttons(join, button("remove-" + row.userId(), "Remove", null,
                            () -> vm.remove(row.userId())));
                });
        ListView<PeopleViewModel.Row> outgoing = list("outgoing", vm.outgoing, "No requests sent",
                (row, cell) -> cell.buttons(button("cancel-" + row.userId(), "Withdraw", null,
                        () -> vm.remove(row.userId()))));
        incoming.setPrefHeight(120);
        outgoing.setPrefHeight(100);
        VBox.setVgrow(friends, Priority.ALWAYS);
        VBox main = new VBox(12, header, new HBox(8, name, add), message, heading("Requests"), incoming,
                heading("Friends"), friends, heading("Sent"), outgoing);
        main.setPadding(new Insets(20));
        root.setCenter(main);
        root.sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                vm.close();
            }
        });
        vm.refresh();
    }

    /** One row's cell; {@link #buttons} sets what it offers. */
    private static final class RowCell extends ListCell<PeopleViewModel.Row> {
        private final BiConsumer<PeopleViewModel.Row, RowCell> fill;
        private final Label name = new Label();
        private final Label where = new Label();
        private final HBox actions = new HBox(6);
        private final HBox row = new HBox(8, new VBox(2, name, where), grow(), actions);

        RowCell(BiConsumer<PeopleViewModel.Row, RowCell> fill) {
            this.fill = fill;
            row.setAlignment(Pos.CENTER_LEFT);
            where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        }

        void buttons(Button... buttons) {
            actions.getChildren().setAll(buttons);
        }

        @Override
        protected void updateItem(PeopleViewModel.Row item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.name() + "  @" + item.username());
            where.setText(item.inRoom() ? "In “" + item.roomTitle() + "”" : "");
            where.setVisible(item.inRoom());
            where.setManaged(item.inRoom());
            setId("person-" + item.userId());
            fill.accept(item, this);
            setGraphic(row);
        }
    }

    private static ListView<PeopleViewModel.Row> list(String id, ObservableList<PeopleViewModel.Row> items,
                                                      String empty,
                                                      BiConsumer<PeopleViewModel.Row, RowCell> fill) {
        ListView<PeopleViewModel.Row> list = new ListView<>(items);
        list.setId(id);
        list.setPlaceholder(new Label(empty));
        list.setCellFactory(l -> new RowCell(fill));
        return list;
    }

    private static Button button(String id, String text, String style, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static Region grow() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }

    public Parent root() {
        return root;
    }
}
