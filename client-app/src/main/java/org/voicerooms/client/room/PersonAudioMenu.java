package org.voicerooms.client.room;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.layout.VBox;

/**
 * The participant menu's listening choices: a volume slider of 0..200 % and "Mute for me", remembered per person
 * ({@link PeopleAudio}) and applied to their audio at once. Only this listener hears the difference.
 */
final class PersonAudioMenu {

    private PersonAudioMenu() {
    }

    static List<MenuItem> items(RoomViewModel vm, RoomViewModel.Person p) {
        PeopleAudio.Choice now = vm.listening(p.userId());
        boolean held = vm.levelsHeld();
        Label label = new Label(words(now.volume(), held));
        label.getStyleClass().add(Styles.TEXT_SMALL);
        Slider volume = new Slider(0, PeopleAudio.MAX_PERCENT, now.volume());
        volume.setId("volume-" + p.userId());
        volume.setMajorTickUnit(50);
        volume.setBlockIncrement(10);
        volume.setShowTickMarks(true);
        volume.setPrefWidth(180);
        volume.setAccessibleText("Volume of " + p.name());
        CheckMenuItem mute = new CheckMenuItem("Mute for me");
        mute.setId("localMute-" + p.userId());
        mute.setSelected(now.muted());
        volume.valueProperty().addListener((o, a, b) -> {
            label.setText(words((int) Math.round(b.doubleValue()), held));
            if (!volume.isValueChanging()) {
                save(vm, p, volume, mute); // a click on the track or a key
            }
        });
        // a drag is saved once the knob is let go, not at every pixel
        volume.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                save(vm, p, volume, mute);
            }
        });
        mute.setOnAction(e -> save(vm, p, volume, mute));
        VBox box = new VBox(4, label, volume);
        box.setPadding(new Insets(2, 4, 2, 4));
        CustomMenuItem slider = new CustomMenuItem(box, false);
        slider.setId("volumeItem-" + p.userId());
        return List.of(slider, mute, new SeparatorMenuItem());
    }

    private static void save(RoomViewModel vm, RoomViewModel.Person p, Slider volume, CheckMenuItem mute) {
        vm.setListening(p.userId(), new PeopleAudio.Choice((int) Math.round(volume.getValue()), mute.isSelected()));
    }

    /**
     * The slider's label; {@code held}: levels play at 100 % while this microphone is live with echo cancellation on
     * ({@link RoomViewModel#levelsHeld}), and the label says so rather than pretend.
     */
    static String words(int percent, boolean held) {
        if (percent == 0) {
            return "Volume 0 % (silent)";
        }
        if (held && percent != 100) {
            return "Volume " + percent + " % (100 % while your mic is on; headphones: echo cancellation off)";
        }
        return "Volume " + percent + " %";
    }
}
