package org.voicerooms.client.settings;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.voicerooms.client.audio.QualityTier;

/** The settings screen; binds to {@link SettingsViewModel}. */
public final class SettingsView {

    private final VBox root;

    public SettingsView(SettingsViewModel vm, Runnable close) {
        Label head = new Label("Audio settings");
        head.getStyleClass().add(Styles.TITLE_2);
        ComboBox<String> mic = new ComboBox<>(vm.microphones);
        mic.setId("microphones");
        mic.valueProperty().bindBidirectional(vm.microphone);
        ComboBox<String> spk = new ComboBox<>(vm.speakers);
        spk.setId("speakers");
        spk.valueProperty().bindBidirectional(vm.speaker);
        CheckBox aec = new CheckBox("Echo cancellation");
        aec.setId("echoCancellation");
        aec.selectedProperty().bindBidirectional(vm.echoCancellation);
        CheckBox ns = new CheckBox("Noise suppression");
        ns.selectedProperty().bindBidirectional(vm.noiseSuppression);
        CheckBox agc = new CheckBox("Automatic gain");
        agc.selectedProperty().bindBidirectional(vm.autoGainControl);
        ComboBox<QualityTier> tier = new ComboBox<>();
        tier.setId("tier");
        tier.getItems().setAll(QualityTier.values());
        tier.valueProperty().bindBidirectional(vm.tier);
        TextField ptt = new TextField();
        ptt.setId("pushToTalk");
        ptt.setPromptText("Key name, e.g. SPACE (empty: off)");
        ptt.textProperty().bindBidirectional(vm.pushToTalk);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, new Label("Microphone"), mic);
        javafx.scene.control.ProgressBar meter = new javafx.scene.control.ProgressBar(0);
        meter.setId("inputLevel");
        meter.setPrefWidth(220);
        meter.progressProperty().bind(vm.inputLevel);
        grid.addRow(1, new Label("Speaker"), spk);
        grid.addRow(5, new Label("Input level"), meter);
        grid.addRow(2, new Label("Processing"), new VBox(4, aec, ns, agc));
        grid.addRow(3, new Label("Quality"), tier);
        grid.addRow(4, new Label("Push to talk"), ptt);

        Label note = new Label();
        note.setId("settingsNote");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(vm.note);
        Label later = new Label("Processing and quality apply to the next room you join. On headphones, echo "
                + "cancellation off lets each person's volume apply while your microphone is on.");
        later.setWrapText(true);
        later.getStyleClass().add(Styles.TEXT_SMALL);
        Button save = new Button("Save");
        save.setId("saveSettings");
        save.getStyleClass().add(Styles.ACCENT);
        javafx.animation.Timeline ticker = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(100), e -> vm.tick()));
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticker.play();
        Runnable leave = () -> {
            ticker.stop();
            vm.close();
            close.run();
        };
        save.setOnAction(e -> {
            vm.apply();
            leave.run();
        });
        Button back = new Button("Back");
        back.setId("closeSettings");
        back.setCancelButton(true);
        back.setOnAction(e -> leave.run());
        root = new VBox(14, head, grid, note, later, new HBox(10, save, back));
        root.setPadding(new Insets(24));
        root.setMaxWidth(620);
        root.setId("settingsScreen");
        vm.load();
    }

    public Parent root() {
        return root;
    }
}
