package org.voicerooms.client.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomStatus;

/** The create-room form and the discover lists without a stage, against a real server. */
class CreateRoomViewModelTest {

    @TempDir
    Path dir;
    private TestServer server;
    private AppContext app;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("server"));
        app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run);
        app.connect(server.url).signInAsGuest("Creator");
    }

    @AfterEach
    void stop() {
        app.close();
        server.close();
    }

    @Test
    void everyOptionReachesTheServer() throws Exception {
        CreateRoomViewModel vm = new CreateRoomViewModel(app);
        vm.title.set("Synth night");
        vm.category.set(RoomCategory.MUSIC);
        vm.maxSpeakers.set("4");
        vm.anyoneCanSpeak.set(true);
        vm.requireApproval.set(true);
        vm.tags.set("synth, Modular ,synth");
        vm.language.set("en");
        AtomicReference<RoomListing> made = new AtomicReference<>();
        vm.create(made::set);
        TestServer.await(Duration.ofSeconds(10), "created", () -> made.get() != null);
        var room = made.get().room();
        assertThat(room.title()).isEqualTo("Synth night");
        assertThat(room.category()).isEqualTo(RoomCategory.MUSIC);
        assertThat(room.maxSpeakers()).isEqualTo(4);
        assertThat(room.permissions().anyoneCanSpeak()).isTrue();
        assertThat(room.privacy().requireApproval()).isTrue();
        assertThat(room.tags()).hasSize(2);
        assertThat(room.language()).isEqualTo("en");
    }

    @Test
    void theServersTypedErrorsLandNextToTheirFields() throws Exception {
        CreateRoomViewModel vm = new CreateRoomViewModel(app);
        vm.title.set("");
        vm.create(r -> { });
        TestServer.await(Duration.ofSeconds(10), "a title error", () -> vm.fieldErrors().containsKey("title"));

        vm.title.set("Fine title");
        vm.maxSpeakers.set("lots");
        vm.create(r -> { });
        assertThat(vm.fieldErrors()).containsKey("maxSpeakers");

        vm.maxSpeakers.set("100000");
        vm.create(r -> { });
        TestServer.await(Duration.ofSeconds(10), "a limit error", () -> vm.fieldErrors().containsKey("maxSpeakers")
                && !vm.busy().get());
        assertThat(vm.fieldErrors().get("maxSpeakers")).isNotBlank();
    }

    @Test
    void aScheduledRoomShowsUnderUpcomingAndALiveOneUnderForYou() throws Exception {
        AtomicReference<RoomListing> made = new AtomicReference<>(scheduleTomorrow());
        assertThat(made.get().room().status()).isEqualTo(RoomStatus.SCHEDULED);

        RecordingNavigator nav = new RecordingNavigator();
        DiscoverViewModel discover = new DiscoverViewModel(app, nav);
        discover.tab().set(DiscoverViewModel.Tab.UPCOMING);
        TestServer.await(Duration.ofSeconds(10), "upcoming", () -> discover.cards().size() == 1);
        assertThat(discover.cards().get(0).live()).isFalse();
        assertThat(discover.cards().get(0).title()).isEqualTo("Tomorrow's talk");

        discover.query().set("nothing like this");
        discover.tab().set(DiscoverViewModel.Tab.FOR_YOU);
        TestServer.await(Duration.ofSeconds(10), "empty search", () -> !discover.loading().get());
        assertThat(discover.cards()).isEmpty();
        assertThat(discover.message().get()).isNotBlank();

    }

    @Test
    void creatingAScheduledRoomDoesNotJoinItAndItsHostStartsItFromUpcoming() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        AtomicReference<RoomListing> made = new AtomicReference<>(scheduleTomorrow());

        RecordingNavigator nav = new RecordingNavigator();
        DiscoverViewModel discover = new DiscoverViewModel(app, nav, paris);
        discover.created(made.get());
        assertThat(nav.visits).as("a room that has not started is not joined").isEmpty();
        assertThat(nav.toasts).anyMatch(t -> t.contains("scheduled for") && t.contains("Start it from Upcoming"));
        assertThat(discover.tab().get()).isEqualTo(DiscoverViewModel.Tab.UPCOMING);
        TestServer.await(Duration.ofSeconds(10), "upcoming", () -> discover.cards().size() == 1);
        DiscoverViewModel.Card card = discover.cards().get(0);
        assertThat(card.startable()).as("its host may start it").isTrue();
        assertThat(card.subtitle()).as("the time in the user's zone, not UTC")
                .contains(made.get().room().scheduledFor().atZone(paris).toLocalTime().toString())
                .doesNotContain("Z");

        discover.start(card);
        TestServer.await(Duration.ofSeconds(10), "started and opened", () -> nav.last().startsWith("room:"));
        assertThat(app.api().room(card.roomId()).room().status()).isEqualTo(RoomStatus.ACTIVE);
    }

    @Test
    void searchAndCategoryApplyToEveryTabAndSayWhenNothingMatches() throws Exception {
        app.api().createRoom(new org.voicerooms.model.rooms.RoomSettings("Synth night", null, null,
                RoomCategory.MUSIC, null, null, null, null, null, null, null));
        app.api().createRoom(org.voicerooms.model.rooms.RoomSettings.titled("Board games"));
        RecordingNavigator nav = new RecordingNavigator();
        DiscoverViewModel discover = new DiscoverViewModel(app, nav);
        discover.tab().set(DiscoverViewModel.Tab.TRENDING);
        TestServer.await(Duration.ofSeconds(10), "both", () -> discover.cards().size() == 2);

        discover.category().set(RoomCategory.MUSIC);
        TestServer.await(Duration.ofSeconds(10), "music only", () -> discover.cards().size() == 1);
        assertThat(discover.cards().get(0).title()).isEqualTo("Synth night");
        assertThat(discover.cards().get(0).category()).as("a word, not a wire name").isEqualTo("Music");

        discover.category().set(null); // "All"
        discover.query().set("board");
        discover.refresh();
        TestServer.await(Duration.ofSeconds(10), "the search on Trending", () -> discover.cards().size() == 1
                && discover.cards().get(0).title().equals("Board games"));

        discover.query().set("karaoke");
        discover.tab().set(DiscoverViewModel.Tab.UPCOMING);
        TestServer.await(Duration.ofSeconds(10), "no match", () -> !discover.loading().get()
                && discover.message().get().startsWith("No rooms match"));
        assertThat(discover.message().get()).isEqualTo("No rooms match “karaoke”.");
        assertThat(DiscoverViewModel.categoryName(null)).isEqualTo("All");
    }

    @Test
    void theFormRefusesATimeWithoutADateAndTurnsServerMessagesIntoSentences() throws Exception {
        CreateRoomViewModel vm = new CreateRoomViewModel(app);
        vm.title.set("Soon");
        vm.scheduleTime.set("18:30");
        AtomicReference<RoomListing> made = new AtomicReference<>();
        vm.create(made::set);
        assertThat(vm.fieldErrors()).containsEntry("scheduledFor", "Pick a date for this time, or clear the time.");
        assertThat(made.get()).as("not created as a live room").isNull();

        vm.scheduleTime.set("");
        vm.maxSpeakers.set("100000");
        vm.create(r -> { });
        TestServer.await(Duration.ofSeconds(10), "a limit error", () -> vm.fieldErrors().containsKey("maxSpeakers")
                && !vm.busy().get());
        assertThat(vm.fieldErrors().get("maxSpeakers")).startsWith("Max speakers must be").endsWith(".");
        assertThat(CreateRoomViewModel.sentence("title", "title must not be empty"))
                .isEqualTo("Title must not be empty.");
        assertThat(CreateRoomViewModel.sentence("tags[2]", "tags[2] must be at most 30 characters"))
                .isEqualTo("Each tag must be at most 30 characters.");
    }

    @Test
    void cardsCountOnlyPeopleWhoAreConnected() throws Exception {
        String roomId = app.api().createRoom(org.voicerooms.model.rooms.RoomSettings.titled("Who's here")).room().id();
        RecordingNavigator nav = new RecordingNavigator();
        DiscoverViewModel discover = new DiscoverViewModel(app, nav);
        try (TestServer.Guest gil = server.guest("Gil")) {
            new org.voicerooms.client.core.RoomSession(gil.realtime(), roomId).join().get(10,
                    java.util.concurrent.TimeUnit.SECONDS);
            discover.tab().set(DiscoverViewModel.Tab.TRENDING);
            TestServer.await(Duration.ofSeconds(10), "Gil counted", () -> !discover.cards().isEmpty()
                    && discover.cards().get(0).participants() == 1);
            gil.realtime().close(); // dropped: the seat is kept for the reconnect grace, 30 s here
            TestServer.await(Duration.ofSeconds(10), "Gil not counted while gone", () -> {
                discover.refresh();
                return !discover.cards().isEmpty() && discover.cards().get(0).participants() == 0;
            });
        }
    }

    /** Fills the form for a room tomorrow at 18:30 and sends it. */
    private RoomListing scheduleTomorrow() throws InterruptedException {
        CreateRoomViewModel later = new CreateRoomViewModel(app);
        later.title.set("Tomorrow's talk");
        later.scheduleDate.set(LocalDate.now().plusDays(1));
        later.scheduleTime.set("18:30");
        AtomicReference<RoomListing> made = new AtomicReference<>();
        later.create(made::set);
        TestServer.await(Duration.ofSeconds(10), "scheduled", () -> made.get() != null);
        return made.get();
    }

    @Test
    void timesReadInTheGivenZone() {
        Instant at = Instant.parse("2026-12-01T17:30:00Z");
        assertThat(DiscoverViewModel.when(at, ZoneId.of("Europe/Paris"))).isEqualTo("Tue 1 Dec, 18:30 CET");
        assertThat(DiscoverViewModel.when(at, ZoneId.of("America/New_York"))).isEqualTo("Tue 1 Dec, 12:30 EST");
    }
}
