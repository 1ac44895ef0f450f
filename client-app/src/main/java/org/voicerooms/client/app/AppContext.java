package org.voicerooms.client.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.AudioSettings;
import org.voicerooms.client.audio.RoomVisit;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.lan.LanAddresses;
import org.voicerooms.client.lan.LanBrowser;
import org.voicerooms.client.lan.LanHosting;
import org.voicerooms.client.lan.LanServer;
import org.voicerooms.client.room.PeopleAudio;
import org.voicerooms.client.room.RoomServices;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Payloads.FriendChanged;

/**
 * The app's services, handed to every view-model through its constructor: the signed-in server connection, the
 * audio engine, LAN hosting and discovery, preferences, a background executor for network and audio work, and the
 * UI thread ({@code ui}) to bring results back to. No statics: tests build one with a direct UI executor.
 */
public final class AppContext implements AutoCloseable, RoomServices {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final AppOptions options;
    private final Executor ui;
    private final ExecutorService background;
    private final DataDir dataDir;
    private final Path prefsFile;
    private volatile Prefs prefs;
    private volatile ApiClient api;
    private volatile RealtimeClient realtime;
    private volatile AudioEngine audio;
    private final Object audioLock = new Object();
    private volatile String audioProblem;
    private volatile LanHosting hosting;
    private volatile LanBrowser browser;
    /** Certificate fingerprints announced by https LAN servers (and this app's own), by scheme://host:port. */
    private final java.util.Map<String, String> lanPins = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<org.voicerooms.model.live.Payloads.Invited>> inviteListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.List<java.util.function.Consumer<FriendChanged>> friendListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PeopleAudio peopleAudio;

    public AppContext(AppOptions options, Executor ui) {
        this.options = options;
        this.ui = ui;
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "voicerooms-background");
            t.setDaemon(true);
            return t;
        });
        this.dataDir = DataDir.claim(options.dataDir());
        this.prefsFile = dataDir.path().resolve("prefs.json");
        this.prefs = Prefs.load(prefsFile);
        this.peopleAudio = PeopleAudio.load(dataDir.path().resolve("people-audio.json"));
    }

    public AppOptions options() {
        return options;
    }

    /** The data folder this copy of the app owns (the one asked for, unless another copy holds it). */
    public Path dataDir() {
        return dataDir.path();
    }

    /** Why this copy uses a folder other than the one asked for (another copy runs with it), or null. */
    public String dataDirNote() {
        return dataDir.note();
    }

    /** Runs {@code work} off the UI thread; the future completes there too, so chain with {@link #onUi}. */
    @Override
    public <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, background);
    }

    @Override
    public Executor ui() {
        return ui;
    }

    public Prefs prefs() {
        return prefs;
    }

    public void prefs(Prefs next) {
        prefs = next;
        background.execute(() -> next.save(prefsFile));
    }

    /**
     * Connects to {@code server}; blocking: call through {@link #async}. An https address of a LAN server this app
     * found by discovery, or hosts itself, trusts exactly the certificate that server announced; any other address
     * the system's CAs.
     */
    public ApiClient connect(URI server) {
        String pin = lanPins.get(pinKey(server));
        ApiClient client = pin != null ? ApiClient.pinned(server, pin) : ApiClient.create(server);
        client.serverInfo(); // fails fast with SERVICE_UNAVAILABLE when nothing answers
        closeConnection();
        release(api);
        api = client;
        return client;
    }

    /** Connects to a server found on the LAN, pinning the certificate it announced (if it serves https). */
    public ApiClient connect(LanServer server) {
        remember(server);
        return connect(server.url());
    }

    /** Trusts the certificate {@code server} announced when connecting to its address. */
    public void remember(LanServer server) {
        if (server.fingerprint() != null) {
            lanPins.put(pinKey(server.url()), server.fingerprint());
        }
    }

    private static String pinKey(URI url) {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    /** The signed-in server, or null before sign-in. */
    @Override
    public ApiClient api() {
        return api;
    }

    /** The realtime connection for the signed-in user, connected on first use. */
    public synchronized RealtimeClient realtime() {
        if (api == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "not signed in");
        }
        if (realtime == null) {
            realtime = RealtimeClient.of(api);
            realtime.on(org.voicerooms.model.live.Events.INVITED, invite -> inviteListeners.forEach(l ->
                    l.accept(invite)));
            realtime.on(org.voicerooms.model.live.Events.FRIEND_CHANGED, change -> friendListeners.forEach(l ->
                    l.accept(change)));
            realtime.connect();
            background.execute(realtime::prepareReaders); // while the user browses, not on the first join
        }
        return realtime;
    }

    /** Hears of invitations to rooms while signed in (on the realtime thread). */
    public void onInvited(java.util.function.Consumer<org.voicerooms.model.live.Payloads.Invited> listener) {
        inviteListeners.add(listener);
    }

    /**
     * Hears of friend requests, accepted friendships and removals while signed in (on the realtime thread); the
     * returned action stops listening.
     */
    public Runnable onFriendChanged(java.util.function.Consumer<FriendChanged> listener) {
        friendListeners.add(listener);
        return () -> friendListeners.remove(listener);
    }

    /** Per-person listening choices (volume, local mute), remembered in the data folder. */
    @Override
    public PeopleAudio peopleAudio() {
        return peopleAudio;
    }

    /**
     * Starts the audio engine in the background now (the app calls this at launch), so the first room does not
     * wait for the devices and libwebrtc to come up.
     */
    public void warmUpAudio() {
        if (options.audio()) {
            async(this::audio).exceptionally(e -> null);
        }
    }

    /**
     * A visit to {@code roomId} ready to join: its session, and its audio listening for the peers' offers before
     * the join goes out. Blocking (waits for the audio engine if it is still starting): call through
     * {@link #async}. Without audio, {@link #audioProblem} says why.
     */
    @Override
    public RoomVisit prepareVisit(String roomId) {
        long start = System.nanoTime();
        AudioEngine engine = audio();
        long engineReady = System.nanoTime();
        RoomVisit visit = RoomVisit.prepare(roomId, realtime(), api(), engine);
        LOG.info("Room {}: ready to join in {} ms ({} ms waiting for the audio engine)", roomId,
                (System.nanoTime() - start) / 1_000_000, (engineReady - start) / 1_000_000);
        return visit;
    }

    /** The audio engine, started on first use; null when audio is off or the devices could not be opened. */
    public AudioEngine audio() {
        synchronized (audioLock) {
            return startAudio();
        }
    }

    /** Holding {@link #audioLock}: the engine takes a second or more to start; nothing else waits for it. */
    private AudioEngine startAudio() {
        if (audio == null && options.audio() && audioProblem == null) {
            try {
                Prefs p = prefs;
                long start = System.nanoTime();
                audio = new AudioEngine(AudioSettings.DEFAULT.withTier(p.tier())
                        .withProcessing(p.echoCancellation(), p.noiseSuppression(), p.autoGainControl())
                        .withDevices(p.microphone(), p.speaker()));
                audio.setIcePolicy(options.icePolicy());
                audio.setLevels(userId -> peopleAudio.of(userId).volume() / 100.0);
                LOG.info("Audio engine started in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | Error e) {
                audioProblem = "Audio is unavailable: " + e.getMessage();
                LOG.warn("Audio engine did not start", e);
            }
        }
        return audio;
    }

    /** Why there is no audio, or null. */
    @Override
    public String audioProblem() {
        return options.audio() ? audioProblem : "Audio is off (--no-audio).";
    }

    /** The LAN address to host and browse on: --bind, else the best of {@link #lanAddresses}. */
    public InetAddress lanAddress() throws IOException {
        if (options.bind() != null) {
            return InetAddress.getByName(options.bind());
        }
        return LanAddresses.find().get(0).address();
    }

    /** The addresses this computer could host on, best first (only --bind's when given). */
    public List<LanAddresses.Candidate> lanAddresses() throws IOException {
        if (options.bind() != null) {
            return List.of(new LanAddresses.Candidate("--bind", InetAddress.getByName(options.bind()), false));
        }
        return LanAddresses.find();
    }

    /**
     * Starts hosting on this network as {@code name} at {@code address} (blocking, about a second); the same
     * hosting if already on.
     */
    public synchronized LanHosting host(String name, InetAddress address) throws IOException {
        if (hosting == null) {
            hosting = LanHosting.start(name, address, 0, dataDir().resolve("hosted-server"), options.lan());
            remember(hosting.asFound());
        }
        return hosting;
    }

    public LanHosting hosting() {
        return hosting;
    }

    /** Stops hosting: its rooms end and everyone inside is told. */
    public synchronized void stopHosting() {
        if (hosting != null) {
            hosting.close();
            hosting = null;
        }
    }

    /** LAN discovery, started on first use; null when the network does not allow it. */
    public synchronized LanBrowser lan() {
        if (browser == null && options.lan()) {
            try {
                browser = new LanBrowser(lanAddress());
                browser.addListener(found -> found.forEach(this::remember));
            } catch (IOException e) {
                LOG.warn("LAN discovery unavailable: {}", e.getMessage());
            }
        }
        return browser;
    }

    private synchronized void closeConnection() {
        if (realtime != null) {
            realtime.close();
            realtime = null;
        }
    }

    /**
     * Signs out of the current server (the hosted server, if any, keeps running); the server ends the sign-in in
     * the background, so its tokens, kept in memory until now, are worthless to anyone who copied them.
     */
    public void signOut() {
        closeConnection();
        ApiClient leaving = api;
        api = null;
        if (leaving == null) {
            return;
        }
        if (leaving.session() == null) {
            leaving.release();
            return;
        }
        try {
            background.execute(() -> {
                try {
                    leaving.logout();
                } catch (RuntimeException e) {
                    LOG.info("The server did not take the sign-out: {}", e.getMessage());
                } finally {
                    leaving.release(); // after the logout call, which release would cancel
                }
            });
        } catch (RejectedExecutionException e) {
            leaving.release(); // closing down: no time to tell the server
        }
    }

    private static void release(ApiClient old) {
        if (old != null) {
            old.release();
        }
    }

    @Override
    public void close() {
        closeConnection();
        stopHosting();
        if (browser != null) {
            browser.close();
        }
        synchronized (audioLock) {
            // an engine still warming up is waited for, then closed; none starts after this
            if (audio != null) {
                audio.close();
            }
            audioProblem = "The app is closing.";
        }
        background.shutdownNow();
        try {
            // a background save still writing must not land after the last one, nor the next start read it half done
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prefs.save(prefsFile); // queued background saves were cancelled by shutdownNow
        dataDir.close();
    }
}
