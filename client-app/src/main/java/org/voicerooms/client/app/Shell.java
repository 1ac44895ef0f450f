package org.voicerooms.client.app;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The window's content: the current screen, with toasts stacked over its bottom-right corner. */
final class Shell {

    private final StackPane root = new StackPane();
    private final StackPane screen = new StackPane();
    private final VBox toasts = new VBox(8);

    Shell() {
        toasts.setId("toasts");
        toasts.setAlignment(Pos.BOTTOM_RIGHT);
        toasts.setPadding(new Insets(16));
        toasts.setPickOnBounds(false);
        toasts.setMouseTransparent(true);
        root.getChildren().addAll(screen, toasts);
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

    /** A toast with a button; it stays a little longer. */
    void toast(String message, String action, Runnable onAction) {
        javafx.scene.control.Button button = new javafx.scene.control.Button(action);
        button.setId("toastAction");
        VBox toast = new VBox(6, new Label(message), button);
        toast.getStyleClass().addAll("toast", "toast-info");
        toast.setMaxWidth(360);
        button.setOnAction(e -> {
            toasts.getChildren().remove(toast);
            onAction.run();
        });
        toasts.setMouseTransparent(false);
        toasts.getChildren().add(toast);
        PauseTransition life = new PauseTransition(Duration.seconds(15));
        life.setOnFinished(e -> toasts.getChildren().remove(toast));
        life.play();
    }

    void toast(String message, Navigator.Toast kind) {
        Label toast = new Label(message);
        toast.setWrapText(true);
        toast.setMaxWidth(360);
        toast.getStyleClass().addAll("toast", "toast-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        toasts.getChildren().add(toast);
        while (toasts.getChildren().size() > 4) {
            toasts.getChildren().remove(0);
        }
        PauseTransition life = new PauseTransition(Duration.seconds(kind == Navigator.Toast.ERROR ? 7 : 4));
        life.setOnFinished(e -> toasts.getChildren().remove(toast));
        life.play();
    }
}
