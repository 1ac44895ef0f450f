package org.voicerooms.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.AppOptions;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.PinnedCertificate;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.lan.LanHosting;
import org.voicerooms.client.lan.LanServer;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * Threat: someone on the Wi-Fi reads or changes what guests send a LAN host (tokens, room traffic), or poses as the
 * host. The host serves HTTPS/WSS with a self-signed certificate made once and announces its SHA-256 fingerprint
 * in its mDNS record; a guest joining a server found on the network trusts exactly that certificate. The mDNS
 * transport itself is covered by {@code LanDiscoveryE2EIT}; here the announcement is read as the browser reads it.
 */
class LanTlsIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    /** The server as a guest's discovery sees it: parsed from the TXT entries it announces. */
    private static LanServer found(LanHosting hosting) {
        return LanServer.fromTxt(hosting.name(), hosting.url().getHost(), hosting.url().getPort(),
                hosting.announcement());
    }

    private static AppContext app(Path data) {
        return new AppContext(new AppOptions(data, null, null, false, false, null, false, false), Runnable::run);
    }

    @Test
    void aGuestJoinsAnAnnouncedHostOverHttpsAndWssWithItsPinnedCertificate() throws Exception {
        try (LanHosting hosting = LanHosting.start("Kitchen table", LOOPBACK, 0, dir.resolve("host"), false, true);
             AppContext guest = app(dir.resolve("guest"))) {
            LanServer lan = found(hosting);
            assertThat(lan.url().getScheme()).as("a TLS host is announced as https").isEqualTo("https");
            assertThat(lan.fingerprint()).as("the announced fingerprint").matches("[0-9a-f]{64}")
                    .isEqualTo(hosting.fingerprint());

            ApiClient api = guest.connect(lan);
            api.signInAsGuest("Gil");
            String roomId = api.createRoom(RoomSettings.titled("Board games")).room().id();
            RealtimeClient realtime = RealtimeClient.of(api);
            try {
                assertThat(realtime.connectAndWait(Duration.ofSeconds(10))).as("Socket.IO over pinned wss").isTrue();
                assertThat(new RoomSession(realtime, roomId).join().get(10, TimeUnit.SECONDS))
                        .isEqualTo(RoomSession.Status.LIVE);
            } finally {
                realtime.close();
            }

            assertThatThrownBy(() -> ApiClient.create(lan.url()).serverInfo())
                    .as("the system's CAs do not vouch for a self-signed LAN certificate")
                    .isInstanceOf(ApiException.class);
        }
    }

    @Test
    void aServerShowingAnotherCertificateThanAnnouncedIsRefusedWithAClearMessage() throws Exception {
        try (LanHosting real = LanHosting.start("Kitchen table", LOOPBACK, 0, dir.resolve("real"), false, true);
             LanHosting impostor = LanHosting.start("Kitchen table", LOOPBACK, 0, dir.resolve("fake"), false, true);
             AppContext guest = app(dir.resolve("guest"))) {
            assertThat(impostor.fingerprint()).as("each host makes its own key").isNotEqualTo(real.fingerprint());
            // the real host's announcement, but the impostor answers at the address
            Map<String, String> txt = new java.util.HashMap<>(impostor.announcement());
            txt.put("tls", real.fingerprint());
            LanServer spoofed = LanServer.fromTxt("Kitchen table", impostor.url().getHost(), impostor.url().getPort(),
                    txt);

            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> guest.connect(spoofed).signInAsGuest("Gil"));
            assertThat(refused).as("joining a server whose certificate is not the announced one")
                    .isInstanceOf(ApiException.class);
            ApiException error = (ApiException) refused;
            assertThat(error.error().code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(error.error().field()).isEqualTo(PinnedCertificate.FIELD);
            assertThat(Messages.of(error.error())).as("what the user reads")
                    .contains("not the one it announced").contains("did not connect");
            assertThat(impostor.server().liveRooms()).isEmpty();
        }
    }

    @Test
    void theCertificateIsMadeOnceKeptPrivateAndAnnouncedAgainAfterARestart() throws Exception {
        Path data = dir.resolve("host");
        String first;
        try (LanHosting hosting = LanHosting.start("Kitchen table", LOOPBACK, 0, data, false, true)) {
            first = hosting.fingerprint();
        }
        try (LanHosting again = LanHosting.start("Kitchen table", LOOPBACK, 0, data, false, true)) {
            assertThat(again.fingerprint()).as("guests who pinned it still recognise the host").isEqualTo(first);
        }
        for (String file : new String[] {"lan-tls.p12", "lan-tls.pass"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void onLoopbackTheHostStaysOnPlainHttpAndAnnouncesNoFingerprint() throws Exception {
        try (LanHosting hosting = LanHosting.start("Kitchen table", LOOPBACK, 0, dir.resolve("host"), false)) {
            assertThat(hosting.url().getScheme()).isEqualTo("http");
            assertThat(hosting.announcement()).doesNotContainKey("tls");
            assertThat(found(hosting).fingerprint()).isNull();
            ApiClient.create(hosting.url()).serverInfo();
        }
    }
}
