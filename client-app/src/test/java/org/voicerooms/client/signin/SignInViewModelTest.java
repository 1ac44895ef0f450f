package org.voicerooms.client.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.AppOptions;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;

/** Sign-in without a stage, against a real server. */
class SignInViewModelTest {

    @TempDir
    Path dir;
    private TestServer server;
    private AppContext app;
    private final RecordingNavigator nav = new RecordingNavigator();

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("server"));
        app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run);
    }

    @AfterEach
    void stop() {
        app.close();
        server.close();
    }

    @Test
    void aGuestReachesDiscoverAndTheServerIsRemembered() throws Exception {
        SignInViewModel vm = new SignInViewModel(app, nav);
        assertThat(vm.server().get()).isEqualTo(server.url.toString());
        vm.displayName().set("Ada");
        vm.continueAsGuest();
        TestServer.await(Duration.ofSeconds(10), "discover", () -> nav.last().equals("discover"));
        assertThat(app.api().session().user().displayName()).isEqualTo("Ada");
        assertThat(vm.busy().get()).isFalse();
        assertThat(app.prefs().recentServers()).containsExactly(server.url.toString());

        // the next start offers the same server and name
        app.close();
        try (AppContext again = new AppContext(new AppOptions(dir.resolve("app"), null, null, false, false, null,
                false, false), Runnable::run)) {
            SignInViewModel next = new SignInViewModel(again, nav);
            assertThat(next.server().get()).isEqualTo(server.url.toString());
            assertThat(next.displayName().get()).isEqualTo("Ada");
            assertThat(next.notice().get()).isEmpty();
        }
    }

    @Test
    void aSecondCopyUnderTheSameAccountGetsItsOwnFolderAndCanHostToo() throws Exception {
        app.prefs(app.prefs().withName("Ada"));
        try (AppContext second = new AppContext(app.options(), Runnable::run)) {
            assertThat(second.dataDir()).isNotEqualTo(app.dataDir()).startsWith(app.dataDir());
            SignInViewModel vm = new SignInViewModel(second, nav);
            assertThat(vm.displayName().get()).as("not the first copy's user").isEmpty();
            assertThat(vm.notice().get()).startsWith("Another copy of Voice Rooms is running");

            java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
            app.host("Ada's rooms", loopback);
            assertThat(second.host("Bea's rooms", loopback).url()).as("its own hosted database, not a locked one")
                    .isNotEqualTo(app.hosting().url());
        }
        try (AppContext third = new AppContext(app.options(), Runnable::run)) {
            assertThat(third.dataDir()).as("a closed copy's folder is free again").endsWith(Path.of("instance-2"));
        }
    }

    @Test
    void theServerIsAnnouncedUnderTheNameTypedNow() throws Exception {
        app.prefs(app.prefs().withName("Old Name"));
        SignInViewModel vm = new SignInViewModel(app, nav);
        assertThat(vm.displayName().get()).isEqualTo("Old Name");
        vm.displayName().set("New Name");
        vm.hostOnThisNetwork();
        TestServer.await(Duration.ofSeconds(15), "discover", () -> nav.last().equals("discover"));
        assertThat(app.hosting().name()).isEqualTo("New Name's rooms");
        assertThat(app.api().session().user().displayName()).isEqualTo("New Name");
        assertThat(nav.toasts).anyMatch(t -> t.contains("Hosting on this network at " + app.hosting().url()));
    }

    @Test
    void problemsAreSaidInWordsAndNothingNavigates() throws Exception {
        SignInViewModel vm = new SignInViewModel(app, nav);
        vm.continueAsGuest();
        assertThat(vm.error().get()).isEqualTo("Enter a display name.");

        vm.displayName().set("Ada");
        vm.server().set("not a url");
        vm.continueAsGuest();
        assertThat(vm.error().get()).contains("server's address");

        vm.server().set("http://127.0.0.1:1");
        vm.continueAsGuest();
        TestServer.await(Duration.ofSeconds(10), "an error", () -> !vm.error().get().isEmpty() && !vm.busy().get());
        assertThat(vm.error().get()).contains("Can't reach the server");

        vm.server().set(server.url.toString());
        vm.username().set("nobody");
        vm.password().set("wrong-password");
        vm.logIn();
        TestServer.await(Duration.ofSeconds(10), "an error", () -> vm.error().get().contains("password")
                && !vm.busy().get());
        assertThat(nav.visits).isEmpty();
    }

    @Test
    void anAccountCanBeCreatedThenUsed() throws Exception {
        SignInViewModel vm = new SignInViewModel(app, nav);
        vm.username().set("grace");
        vm.password().set("correct horse battery");
        vm.register();
        TestServer.await(Duration.ofSeconds(10), "discover", () -> nav.last().equals("discover"));
        assertThat(app.api().session().user().guest()).isFalse();
        vm.logIn();
        TestServer.await(Duration.ofSeconds(10), "discover twice", () -> nav.visits.size() == 2);
    }
}
