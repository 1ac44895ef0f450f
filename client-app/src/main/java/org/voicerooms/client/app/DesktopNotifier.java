package org.voicerooms.client.app;

import java.awt.SystemTray;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through the platform's own service: on Linux the freedesktop notification server via
 * {@code notify-send} (libnotify), elsewhere the system tray's balloon ({@link java.awt.TrayIcon#displayMessage}).
 * Where neither exists, notifications are logged and dropped; the in-app toast still shows. Sending never blocks
 * the caller.
 */
public final class DesktopNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);

    /** One way of showing a notification; true when it was handed to the platform. */
    @FunctionalInterface
    public interface Backend {
        boolean show(String title, String body);
    }

    private final Backend backend;
    private final String name;

    public DesktopNotifier(String name, Backend backend) {
        this.name = name;
        this.backend = backend;
    }

    /** The platform's service: {@code notify-send} where it is installed, else the system tray, else none. */
    public static DesktopNotifier forPlatform() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        String notifySend = linux ? onPath("notify-send") : null;
        if (notifySend != null) {
            return new DesktopNotifier("notify-send", command(notifySend));
        }
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && SystemTray.isSupported()) {
                return new DesktopNotifier("system tray", new TrayBackend());
            }
        } catch (RuntimeException | Error e) {
            LOG.debug("No system tray: {}", e.toString());
        }
        return new DesktopNotifier("none", (title, body) -> false);
    }

    /** A backend running {@code program --app-name=Voice Rooms <title> <body>} (notify-send's arguments). */
    public static Backend command(String program) {
        return (title, body) -> {
            try {
                Process p = new ProcessBuilder(List.of(program, "--app-name=Voice Rooms", "--icon=audio-headset",
                        title, body)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroy();
                    return false;
                }
                return p.exitValue() == 0;
            } catch (IOException e) {
                LOG.debug("{} failed: {}", program, e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Which service this uses: {@code notify-send}, {@code system tray} or {@code none}. */
    public String name() {
        return name;
    }

    /** Shows {@code title} and {@code body} on a background thread. */
    public void notify(String title, String body) {
        Thread t = new Thread(() -> {
            if (!backend.show(title, body)) {
                LOG.info("Desktop notification not shown ({}): {}", name, title);
            }
        }, "voicerooms-notify");
        t.setDaemon(true);
        t.start();
    }

    private static String onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** The tray balloon; one icon added on first use and kept while the app runs. */
    private static final class TrayBackend implements Backend {
        private java.awt.TrayIcon icon;

        @Override
        public synchronized boolean show(String title, String body) {
            try {
                if (icon == null) {
                    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16,
                            java.awt.image.BufferedImage.TYPE_INT_ARGB);
                    java.awt.Graphics2D g = image.createGraphics();
                    g.setColor(new java.awt.Color(0x09, 0x69, 0xda));
                    g.fillOval(0, 0, 16, 16);
                    g.dispose();
                    icon = new java.awt.TrayIcon(image, "Voice Rooms");
                    icon.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(icon);
                }
                icon.displayMessage(title, body, java.awt.TrayIcon.MessageType.INFO);
                return true;
            } catch (java.awt.AWTException | RuntimeException e) {
                LOG.debug("Tray notification failed: {}", e.toString());
                return false;
            }
        }
    }
}
