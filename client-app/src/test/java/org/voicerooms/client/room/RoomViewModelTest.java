package org.voicerooms.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;

/** The room screen's logic without a stage: a host in the app, a headless guest on the client core. */
class RoomViewModelTest {

    @TempDir
    Path dir;
    private TestServer server;
    private AppContext app;
    private final RecordingNavigator nav = new RecordingNavigator();
    private RoomViewModel vm;
    private TestServer.Guest guest;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir.resolve("server"));
        app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run);
        app.connect(server.url).signInAsGuest("Host Hana");
        String roomId = app.api().createRoom(RoomSettings.titled("Board games")).room().id();
        vm = new RoomViewModel(app, nav, roomId);
        vm.start().get(10, TimeUnit.SECONDS);
        guest = server.guest("Guest Gil");
    }

    @AfterEach
    void stop() {
        vm.close();
        guest.close();
        app.close();
        server.close();
    }

    private RoomViewModel.Person in(java.util.List<RoomViewModel.Person> list, String userId) {
        return list.stream().filter(p -> p.userId().equals(userId)).findFirst().orElse(null);
    }

    @Test
    void theHostIsOnStageAndRunsTheHandQueue() throws Exception {
        assertThat(vm.title().get()).isEqualTo("Board games");
        assertThat(vm.stage()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo(Role.HOST);
            assertThat(p.you()).isTrue();
            assertThat(p.initials()).isEqualTo("HH");
        });
        assertThat(vm.cue().get()).isEqualTo("You're live");
        assertThat(vm.isHost()).isTrue();

        RoomSession gil = new RoomSession(guest.realtime(), vm.roomId());
        gil.join().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil in the audience", () -> in(vm.audience(), guest.id()) != null);

        gil.raiseHand().get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil's hand", () -> vm.hands().size() == 1);
        assertThat(vm.hands().get(0).name()).isEqualTo("Guest Gil");

        vm.approve(guest.id());
        TestServer.await(Duration.ofSeconds(5), "Gil on stage", () -> in(vm.stage(), guest.id()) != null);
        assertThat(vm.hands()).isEmpty();
        // Gil hears of it on his own connection, which may come a moment after the host's
        TestServer.await(Duration.ofSeconds(5), "Gil told he is a speaker", () -> gil.you().role() == Role.SPEAKER);

        // what the host may do to a speaker; nothing to themselves
        // (a new speaker comes up muted: nothing to mute until they unmute)
        var gilOnStage = in(vm.stage(), guest.id());
        assertThat(gilOnStage.muted()).isTrue();
        assertThat(vm.actionsFor(gilOnStage)).contains(RoomViewModel.Action.DEMOTE, RoomViewModel.Action.KICK,
                RoomViewModel.Action.BAN, RoomViewModel.Action.MAKE_MODERATOR)
                .doesNotContain(RoomViewModel.Action.PROMOTE, RoomViewModel.Action.MUTE);
        gil.setMuted(false).get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil unmuted", () -> !in(vm.stage(), guest.id()).muted());
        assertThat(vm.actionsFor(in(vm.stage(), guest.id()))).contains(RoomViewModel.Action.MUTE);
        assertThat(vm.actionsFor(vm.you().get())).isEmpty();

        vm.perform(RoomViewModel.Action.KICK, guest.id());
        TestServer.await(Duration.ofSeconds(5), "Gil gone", () -> in(vm.stage(), guest.id()) == null
                && in(vm.audience(), guest.id()) == null);
        TestServer.await(Duration.ofSeconds(5), "Gil kicked", () -> gil.status() == RoomSession.Status.KICKED);
    }

    @Test
    void aListenerSeesOnlyWhatTheirRoleAllowsAndSeesTheEnd() throws Exception {
        // the guest hosts a second room; the app joins it as a listener
        String other = guest.api().createRoom(RoomSettings.titled("Gil's room")).room().id();
        RoomSession gil = new RoomSession(guest.realtime(), other);
        gil.join().get(10, TimeUnit.SECONDS);
        RoomViewModel listener = new RoomViewModel(app, nav, other);
        listener.start().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "listening", () -> listener.you().get() != null);
        assertThat(listener.cue().get()).isEqualTo("You're listening");
        assertThat(listener.actionsFor(in(listener.stage(), guest.id()))).isEmpty();

        listener.toggleHand();
        // the cue follows the person on the same (here realtime) thread: wait for it, not for the person
        TestServer.await(Duration.ofSeconds(5), "hand up", () -> listener.cue().get().startsWith("Hand raised"));
        assertThat(listener.you().get().handRaised()).isTrue();

        listener.sendChat("hello from the audience");
        TestServer.await(Duration.ofSeconds(5), "chat", () -> listener.chat().stream().anyMatch(line ->
                line.endsWith("Host Hana: hello from the audience")));

        gil.end().get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "ended", () -> nav.last().equals("discover"));
        assertThat(nav.toasts).anyMatch(t -> t.contains("The host ended the room."));
        listener.close();
    }

    @Test
    void theHostLetsAKnockingGuestIntoAnApprovalRoomAndTurnsAnotherAway() throws Exception {
        var settings = new RoomSettings("Members only", null, null, null, null, null, null,
                new org.voicerooms.model.rooms.RoomPrivacy(true, false, true), null, null, null);
        String door = app.api().createRoom(settings).room().id();
        RoomViewModel host = new RoomViewModel(app, nav, door);
        host.start().get(10, TimeUnit.SECONDS);

        RoomSession gil = new RoomSession(guest.realtime(), door);
        assertThat(gil.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.WAITING);
        TestServer.await(Duration.ofSeconds(5), "Gil at the door", () -> host.knocks().size() == 1);
        assertThat(host.knocks().get(0).name()).isEqualTo("Guest Gil");
        assertThat(nav.toasts).anyMatch(t -> t.contains("Guest Gil is asking to join"));
        host.answerKnock(guest.id(), true);
        TestServer.await(Duration.ofSeconds(5), "Gil inside", () -> gil.status() == RoomSession.Status.LIVE);
        TestServer.await(Duration.ofSeconds(5), "Gil listed", () -> in(host.audience(), guest.id()) != null);
        assertThat(host.knocks()).isEmpty();

        try (TestServer.Guest other = server.guest("Other Olga")) {
            RoomSession olga = new RoomSession(other.realtime(), door);
            olga.join().get(10, TimeUnit.SECONDS);
            TestServer.await(Duration.ofSeconds(5), "Olga at the door", () -> host.knocks().size() == 1);
            host.answerKnock(other.id(), false);
            TestServer.await(Duration.ofSeconds(5), "Olga turned away", () -> olga.status()
                    == RoomSession.Status.LEFT);
            assertThat(olga.reason()).isEqualTo("denied");
        }
        host.close();
    }

    @Test
    void anInvitationReachesTheApp() throws Exception {
        java.util.List<org.voicerooms.model.live.Payloads.Invited> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        app.onInvited(got::add);
        app.realtime();
        String party = guest.api().createRoom(RoomSettings.titled("Gil's party")).room().id();
        RoomSession gil = new RoomSession(guest.realtime(), party);
        gil.join().get(10, TimeUnit.SECONDS);
        gil.moderate(org.voicerooms.model.live.Events.INVITE, app.api().session().user().id()).get(5,
                TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "the invitation", () -> !got.isEmpty());
        assertThat(got.get(0).title()).isEqualTo("Gil's party");
        assertThat(got.get(0).fromName()).isEqualTo("Guest Gil");
    }

    @Test
    void theHostLeavingAsksWhoTakesOverAndHandsTheRoomToThem() throws Exception {
        RoomSession gil = new RoomSession(guest.realtime(), vm.roomId());
        gil.join().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil inside", () -> in(vm.audience(), guest.id()) != null);

        vm.requestLeave();
        RecordingNavigator.Asked asked = nav.lastAsked();
        assertThat(asked.title()).isEqualTo("Who should host after you?");
        assertThat(asked.labels()).containsExactly("Guest Gil", "End the room");
        assertThat(nav.visits).as("nothing happens before the host answers").isEmpty();

        asked.choose("Guest Gil");
        TestServer.await(Duration.ofSeconds(5), "Gil hosting", () -> gil.you().role() == Role.HOST);
        TestServer.await(Duration.ofSeconds(5), "the host gone", () -> nav.last().equals("discover"));
        assertThat(gil.status()).as("the room goes on without its first host").isEqualTo(RoomSession.Status.LIVE);
        assertThat(app.api().room(vm.roomId()).room().status()).isEqualTo(RoomStatus.ACTIVE);
    }

    @Test
    void aModeratorTakesOverWhenTheHostLeaves() throws Exception {
        RoomSession gil = new RoomSession(guest.realtime(), vm.roomId());
        gil.join().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil inside", () -> in(vm.audience(), guest.id()) != null);
        vm.perform(RoomViewModel.Action.MAKE_MODERATOR, guest.id());
        TestServer.await(Duration.ofSeconds(5), "Gil moderating", () -> in(vm.stage(), guest.id()) != null);

        vm.requestLeave();
        assertThat(nav.lastAsked().message()).isEqualTo("Guest Gil (moderator) will host it after you.");
        nav.lastAsked().choose("Leave");
        TestServer.await(Duration.ofSeconds(5), "Gil hosting", () -> gil.you().role() == Role.HOST);
        assertThat(app.api().room(vm.roomId()).room().status()).isEqualTo(RoomStatus.ACTIVE);
    }

    @Test
    void endingAsksFirstAndTheHostIsToldTheyEndedIt() throws Exception {
        vm.end();
        assertThat(nav.lastAsked().title()).isEqualTo("End the room for everyone?");
        assertThat(app.api().room(vm.roomId()).room().status()).as("not before the answer")
                .isEqualTo(RoomStatus.ACTIVE);
        nav.lastAsked().choose("End room");
        TestServer.await(Duration.ofSeconds(5), "ended", () -> nav.last().equals("discover"));
        assertThat(nav.toasts).contains("INFO: You ended the room.")
                .noneMatch(t -> t.contains("The host ended the room"));
    }

    @Test
    void aHostAloneIsToldLeavingEndsTheRoom() {
        vm.requestLeave();
        assertThat(nav.lastAsked().message()).isEqualTo("You're the only one here, so leaving ends the room.");
        assertThat(nav.lastAsked().labels()).containsExactly("Leave and end the room");
    }

    @Test
    void aKickedPersonsRejoinSaysOneClearThing() throws Exception {
        try (AppContext kimsApp = new AppContext(server.options(dir.resolve("kim"), false), Runnable::run)) {
            kimsApp.connect(server.url).signInAsGuest("Kim");
            RecordingNavigator kimNav = new RecordingNavigator();
            RoomViewModel kim = new RoomViewModel(kimsApp, kimNav, vm.roomId());
            kim.start().get(10, TimeUnit.SECONDS);
            String kimId = kimsApp.api().session().user().id();
            TestServer.await(Duration.ofSeconds(5), "Kim inside", () -> in(vm.audience(), kimId) != null);
            vm.perform(RoomViewModel.Action.KICK, kimId);
            TestServer.await(Duration.ofSeconds(5), "Kim out", () -> kimNav.last().equals("discover"));
            assertThat(kimNav.toasts).containsExactly("WARNING: You were removed from the room.");

            RecordingNavigator again = new RecordingNavigator();
            RoomViewModel retry = new RoomViewModel(kimsApp, again, vm.roomId());
            try {
                retry.start().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // refused: the words are what matter
            }
            TestServer.await(Duration.ofSeconds(5), "back on discover", () -> again.last().equals("discover"));
            Thread.sleep(200); // a second message would come right after the first
            assertThat(again.toasts).containsExactly(
                    "WARNING: You were removed from this room, so you can't join it again.");
        }
    }

    @Test
    void beingInvitedToSpeakIsToldOnceInPlainWordsAndRingsFollowOnlyArrivingAudio() throws Exception {
        String other = guest.api().createRoom(RoomSettings.titled("Gil's stage")).room().id();
        RoomSession gil = new RoomSession(guest.realtime(), other);
        gil.join().get(10, TimeUnit.SECONDS);
        RecordingNavigator listenerNav = new RecordingNavigator();
        RoomViewModel listener = new RoomViewModel(app, listenerNav, other);
        listener.start().get(10, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "listening", () -> listener.you().get() != null);

        gil.speaking(true).get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "Gil flagged speaking", () -> in(listener.stage(), guest.id())
                .speaking());
        listener.tick();
        assertThat(listener.ringLevel(guest.id())).as("no audio arrives (audio is off): no ring").isZero();

        String me = app.api().session().user().id();
        gil.promote(me).get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "on stage", () -> listener.you().get().role() == Role.SPEAKER);
        Thread.sleep(200);
        assertThat(listenerNav.toasts).containsExactly("SUCCESS: Guest Gil invited you to speak. You're now a"
                + " speaker.");
        gil.demote(me).get(5, TimeUnit.SECONDS);
        TestServer.await(Duration.ofSeconds(5), "back down", () -> listenerNav.toasts.size() == 2);
        assertThat(listenerNav.toasts.get(1)).isEqualTo("INFO: You're back in the audience.");
        listener.close();
    }

    @Test
    void chatLinesShowTheTimeInTheUsersZone() {
        var m = new org.voicerooms.model.live.Payloads.ChatMessage("r", "m", "u", "Ada", "hello",
                java.time.Instant.parse("2026-12-01T17:30:00Z"));
        assertThat(RoomViewModel.chatLine(m, java.time.ZoneId.of("Europe/Paris"))).isEqualTo("18:30  Ada: hello");
    }

    @Test
    void initialsFromNames() {
        assertThat(RoomViewModel.initials("ada lovelace")).isEqualTo("AL");
        assertThat(RoomViewModel.initials("  x ")).isEqualTo("X");
        assertThat(RoomViewModel.initials("")).isEqualTo("?");
        assertThat(RoomViewModel.initials("Émile Zola Extra")).isEqualTo("ÉZ");
    }
}
