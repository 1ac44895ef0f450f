package org.voicerooms.client.app;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The window's content: the current screen, toasts stacked at the bottom right above the room's bottom bar (so they
 * never cover its buttons), and at most one question ({@link #ask}) over everything.
 */
final class Shell {

    /** Room for the bottom bar under the toasts: its height plus a margin. */
    static final double BOTTOM_BAR_CLEARANCE = 76;
    private static final int TOASTS_KEPT = 4;

    private final StackPane root = new StackPane();
    private final StackPane screen = new StackPane();
    private final VBox toasts = new VBox(8);
    private final StackPane question = new StackPane();

    Shell() {
        toasts.setId("toasts");
        toasts.setAlignment(Pos.BOTTOM_RIGHT);
        toasts.setPadding(new Insets(16, 16, BOTTOM_BAR_CLEARANCE, 16));
        toasts.setPickOnBounds(false);
        question.setId("question");
        question.getStyleClass().add("question-scrim");
        question.setVisible(false);
        root.getChildren().addAll(screen, toasts, question);
        root.getStyleClass().add("voicerooms");
    }

    Parent root() {
        return root;
    }

    Node current() {
        return screen.getChildren().isEmpty() ? null : screen.getChildren().get(0);
    }

    void show(Node view) {
        screen.getChildren().setAll(view);
    }

    void toast(String message, Navigator.Toast kind) {
        toast(message, kind, List.of());
    }

    /**
     * A toast, with buttons when {@code choices} has any (it then stays longer). The same words already on screen
     * are not shown twice: one change, one toast.
     */
    void toast(String message, Navigator.Toast kind, List<Navigator.Choice> choices) {
        boolean shown = toasts.getChildren().stream().anyMatch(t -> message.equals(t.getUserData()));
        if (shown) {
            return;
        }
        Label text = new Label(message);
        text.setWrapText(true);
        VBox toast = new VBox(6, text);
        toast.setUserData(message);
        toast.setMaxWidth(360);
        toast.getStyleClass().addAll("toast", "toast-" + kind.name().toLowerCase(Locale.ROOT));
        if (!choices.isEmpty()) {
            HBox buttons = new HBox(8);
            for (Navigator.Choice c : choices) {
                Button b = new Button(c.label());
                b.setId("toast-" + c.id());
                b.getStyleClass().add(Styles.SMALL);
                b.setOnAction(e -> {
                    toasts.getChildren().remove(toast);
                    c.action().run();
                });
                buttons.getChildren().add(b);
            }
            buttons.getChildren().get(0).getStyleClass().add(Styles.ACCENT);
            toast.getChildren().add(buttons);
        }
        toasts.getChildren().add(toast);
        while (toasts.getChildren().size() > TOASTS_KEPT) {
            toasts.getChildren().remove(0);
        }
        double seconds = !choices.isEmpty() ? 20 : kind == Navigator.Toast.ERROR ? 7 : 4;
        PauseTransition life = new PauseTransition(Duration.seconds(seconds));
        life.setOnFinished(e -> toasts.getChildren().remove(toast));
        life.play();
    }

    void dismiss(String message) {
        toasts.getChildren().removeIf(t -> message.equals(t.getUserData()));
    }

    /** Shows a question over the screen until one of its buttons (or Cancel, or Escape) is chosen. */
    void ask(String title, String message, List<Navigator.Choice> choices) {
        Label head = new Label(title);
        head.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label(message);
        text.setWrapText(true);
        HBox buttons = new HBox(8);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        for (Navigator.Choice c : choices) {
            Button b = new Button(c.label());
            b.setId("ask-" + c.id());
            b.setOnAction(e -> {
                close();
                c.action().run();
            });
            buttons.getChildren().add(b);
        }
        Button cancel = new Button("Cancel");
        cancel.setId("askCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        buttons.getChildren().add(cancel);
        VBox card = new VBox(14, head, text, buttons);
        card.setId("questionCard");
        card.getStyleClass().addAll("card", "question");
        card.setPadding(new Insets(20));
        card.setMaxSize(480, javafx.scene.layout.Region.USE_PREF_SIZE);
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
            }
        });
        question.getChildren().setAll(card);
        question.setVisible(true);
        screen.setDisable(true);
        buttons.getChildren().get(0).requestFocus();
    }

    private void close() {
        question.setVisible(false);
        question.getChildren().clear();
        screen.setDisable(false);
    }
}
