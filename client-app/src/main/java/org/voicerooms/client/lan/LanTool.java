package org.voicerooms.client.lan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.Json;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * LAN hosting and discovery without the UI, printing JSON lines: for testers and the two-process discovery test.
 * <pre>
 * --lan-host --bind ADDR [--name NAME] [--port N] [--data-dir DIR] [--room TITLE]
 *     hosts a server announced on the LAN; --room also opens a live room in it (a guest sits in it, no audio);
 *     stdin "quit" stops hosting, ending its rooms
 * --lan-list --bind ADDR [--seconds N]
 *     prints the servers found and their live rooms whenever they change
 * </pre>
 */
public final class LanTool {

    private static final ObjectMapper JSON = Json.newMapper();

    private LanTool() {
    }

    private static void print(Object... kv) throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            line.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        synchronized (System.out) {
            System.out.println(JSON.writeValueAsString(line));
            System.out.flush();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i].substring(2), args[++i]);
            }
        }
        InetAddress bind = InetAddress.getByName(opt.getOrDefault("bind", "127.0.0.1"));
        if (args[0].equals("--lan-host")) {
            host(opt, bind);
        } else {
            list(bind, Integer.parseInt(opt.getOrDefault("seconds", "30")));
        }
        System.exit(0); // mDNS and HTTP client threads would keep the JVM up
    }

    private static void host(Map<String, String> opt, InetAddress bind) throws Exception {
        Path data = Path.of(opt.getOrDefault("data-dir", System.getProperty("user.home") + "/.voicerooms/lan"));
        try (LanHosting hosting = LanHosting.start(opt.getOrDefault("name", "Voice Rooms LAN"), bind,
                Integer.parseInt(opt.getOrDefault("port", "0")), data, true)) {
            print("event", "hosting", "url", hosting.url().toString(), "fingerprint", hosting.fingerprint());
            RealtimeClient realtime = null;
            if (opt.containsKey("room")) {
                ApiClient api = hosting.fingerprint() == null ? ApiClient.create(hosting.url())
                        : ApiClient.pinned(hosting.url(), hosting.fingerprint());
                api.signInAsGuest("Host");
                String roomId = api.createRoom(RoomSettings.titled(opt.get("room"))).room().id();
                realtime = RealtimeClient.of(api);
                realtime.connect();
                RoomSession session = new RoomSession(realtime, roomId);
                session.join().get(15, TimeUnit.SECONDS);
                print("event", "room", "roomId", roomId);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("quit")) {
                // keep hosting
            }
            if (realtime != null) {
                realtime.close();
            }
        }
        print("event", "stopped");
    }

    private static void list(InetAddress bind, int seconds) throws Exception {
        try (LanBrowser browser = new LanBrowser(bind)) {
            browser.addListener(servers -> {
                try {
                    print("event", "servers", "servers", servers);
                } catch (Exception e) {
                    System.err.println("unprintable: " + e);
                }
            });
            Thread.sleep(seconds * 1000L);
        }
    }
}
