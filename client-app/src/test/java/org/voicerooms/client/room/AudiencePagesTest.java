package org.voicerooms.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * A large room's audience on the room screen: the state lists only the earliest listeners (here 10, the server's least), the app says
 * how many are not listed, "Show more" pages the rest in, and someone never listed who is moved on stage shows up
 * there by name.
 */
@Timeout(60)
class AudiencePagesTest {

    private static final int LISTED = 10;
    private static final int CROWD = 15;

    @TempDir
    Path dir;
    private TestServer server;
    private AppContext app;
    private RoomViewModel vm;
    private final List<TestServer.Guest> guests = new ArrayList<>();
    private RoomSession host;
    private final List<RoomSession> crowd = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir.resolve("server"), b -> b.stateParticipantsMax(LISTED));
        TestServer.Guest hana = guest("Host Hana");
        String roomId = hana.api().createRoom(RoomSettings.titled("Town hall")).room().id();
        host = new RoomSession(hana.realtime(), roomId);
        host.join().get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= CROWD; i++) {
            RoomSession s = new RoomSession(guest("Listener " + i).realtime(), roomId);
            s.join().get(10, TimeUnit.SECONDS);
            crowd.add(s);
        }
        app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run);
        app.connect(server.url).signInAsGuest("Late Lou");
        vm = new RoomViewModel(app, new RecordingNavigator(), roomId);
        vm.start().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Lou inside", () -> vm.you().get() != null);
    }

    private TestServer.Guest guest(String name) throws InterruptedException {
        TestServer.Guest g = server.guest(name);
        guests.add(g);
        return g;
    }

    @AfterEach
    void stop() {
        if (vm != null) {
            vm.close();
        }
        if (app != null) {
            app.close();
        }
        guests.forEach(TestServer.Guest::close);
        server.close();
    }

    private List<String> names(List<RoomViewModel.Person> people) {
        return people.stream().map(RoomViewModel.Person::name).toList();
    }

    private static List<String> listeners(int from, int to, String also) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("Listener " + i);
        }
        out.add(also);
        return out;
    }

    @Test
    void theRestOfTheAudienceComesAPageAtATimeAndStaysCurrent() throws Exception {
        // the state lists ten people, the host and the nine earliest listeners, and Lou herself; the other six
        // are counted, not listed
        assertThat(names(vm.audience())).containsExactlyInAnyOrderElementsOf(listeners(1, LISTED - 1, "Late Lou"));
        assertThat(vm.audiencePages().unlisted().get()).isEqualTo(CROWD - (LISTED - 1));

        // the host moves Listener 14, whom Lou never listed, on stage: Lou sees them there by name, muted
        String fourteenth = crowd.get(13).you().userId();
        host.promote(fourteenth).get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Listener 14 on Lou's stage", () -> names(vm.stage())
                .contains("Listener 14"));
        RoomViewModel.Person onStage = vm.stage().stream().filter(p -> p.userId().equals(fourteenth)).findFirst()
                .orElseThrow();
        assertThat(onStage.role()).isEqualTo(Role.SPEAKER);
        assertThat(onStage.muted()).as("new speakers come up muted").isTrue();
        assertThat(vm.audiencePages().unlisted().get()).isEqualTo(CROWD - (LISTED - 1) - 1);

        // Show more lists the rest
        vm.audiencePages().showMore();
        TestServer.await(Duration.ofSeconds(5), "everyone listed", () -> vm.audiencePages().unlisted().get() == 0);
        List<String> everyone = listeners(1, 15, "Late Lou");
        everyone.remove("Listener 14");
        assertThat(names(vm.audience())).containsExactlyInAnyOrderElementsOf(everyone);

        // from then on the room's events keep the list current: one leaves, one comes
        crowd.get(11).leave().get(10, TimeUnit.SECONDS);
        RoomSession newcomer = new RoomSession(guest("Newcomer Nia").realtime(), host.room().id());
        newcomer.join().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "the list follows the room", () -> names(vm.audience())
                .contains("Newcomer Nia") && !names(vm.audience()).contains("Listener 12"));
        assertThat(vm.audiencePages().unlisted().get()).isZero();
    }
}
