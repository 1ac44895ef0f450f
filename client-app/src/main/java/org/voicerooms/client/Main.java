package org.voicerooms.client;

import java.util.Arrays;
import org.voicerooms.client.bot.Bot;

/** Entry point: {@code --bot ...} runs the headless participant; the desktop UI comes with the app screens. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--bot")) {
            Bot.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.err.println("Usage: java -jar client-app.jar --bot --server URL (--create TITLE | --room ID) ...");
        System.exit(2);
    }
}
