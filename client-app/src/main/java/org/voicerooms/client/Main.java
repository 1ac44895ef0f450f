package org.voicerooms.client;

import java.util.Arrays;
import org.voicerooms.client.bot.Bot;

/**
 * Entry point: the desktop app; {@code --bot ...} runs the headless participant, {@code --lan-host} /
 * {@code --lan-list} host or look for servers on the LAN without the UI.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--bot")) {
            Bot.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("--lan-host") || args[0].equals("--lan-list"))) {
            org.voicerooms.client.lan.LanTool.main(args);
            return;
        }
        org.voicerooms.client.app.DesktopApp.launchApp(args);
    }
}
