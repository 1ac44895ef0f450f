package org.voicerooms.client.app;

import java.nio.file.Path;
import java.util.List;
import org.voicerooms.client.audio.IcePolicy;

/**
 * Command-line options of the desktop app.
 * <pre>
 * --data-dir DIR       settings, recent servers and the hosted server's data (default ~/.voicerooms)
 * --server URL         preselect this server on the sign-in screen
 * --bind ADDR          the LAN address to host and look for servers on (default: the first private IPv4)
 * --no-audio           run without the audio engine (screens only)
 * --no-lan             no LAN discovery (nothing multicast); hosting still works by address
 * --quick-start        host on this computer and continue as a guest at once
 * --screenshot FILE    with --quick-start: save the discover screen to FILE, then quit
 * --dark               dark theme
 * --ice-transport-policy all|relay   relay: audio only through the server's TURN relay (strict NATs, firewalls)
 * voicerooms://join/SERVER/ROOM   a join link (what the desktop entry passes): preselects the link's server
 * </pre>
 * The sign-in screen opens with the link's server filled in; the app joins the link's room once signed in
 * ({@link DesktopApp.Screens#joinAfterSignIn}).
 *
 * @param dataDir    where the app keeps its files
 * @param server     server URL to preselect, or null
 * @param bind       LAN address, or null to pick one
 * @param audio      whether to start the audio engine
 * @param quickStart host and sign in as guest at start
 * @param screenshot file for the smoke screenshot, or null
 * @param dark       dark theme
 * @param lan        LAN discovery and announcements on
 * @param icePolicy  setting {@code ice-transport-policy}: which candidates audio connections use (default all)
 */
public record AppOptions(Path dataDir, String server, String bind, boolean audio, boolean quickStart,
                         Path screenshot, boolean dark, boolean lan, IcePolicy icePolicy) {

    public AppOptions {
        icePolicy = icePolicy == null ? IcePolicy.ALL : icePolicy;
    }

    /** Options with the default {@code ice-transport-policy} ({@code all}). */
    public AppOptions(Path dataDir, String server, String bind, boolean audio, boolean quickStart, Path screenshot,
                      boolean dark, boolean lan) {
        this(dataDir, server, bind, audio, quickStart, screenshot, dark, lan, IcePolicy.ALL);
    }

    public static AppOptions parse(List<String> args) {
        Path dataDir = Path.of(System.getProperty("user.home"), ".voicerooms");
        String server = null;
        String bind = null;
        boolean audio = true;
        boolean quick = false;
        Path shot = null;
        boolean dark = false;
        boolean lan = true;
        IcePolicy ice = IcePolicy.ALL;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--data-dir" -> {
                    dataDir = Path.of(required(a, next));
                    i++;
                }
                case "--server" -> {
                    server = required(a, next);
                    i++;
                }
                case "--bind" -> {
                    bind = required(a, next);
                    i++;
                }
                case "--screenshot" -> {
                    shot = Path.of(required(a, next));
                    i++;
                }
                case "--ice-transport-policy" -> {
                    ice = IcePolicy.parse(required(a, next));
                    i++;
                }
                case "--no-audio" -> audio = false;
                case "--quick-start" -> quick = true;
                case "--dark" -> dark = true;
                case "--no-lan" -> lan = false;
                default -> {
                    if (!JoinLink.isLink(a)) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    server = JoinLink.parse(a).server();
                }
            }
        }
        return new AppOptions(dataDir, server, bind, audio, quick, shot, dark, lan, ice);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
