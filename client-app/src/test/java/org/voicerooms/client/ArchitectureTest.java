package org.voicerooms.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering of the client (ARCHITECTURE §2): native audio stays in one package; the core knows no UI or audio. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.voicerooms.client");
    }

    @Test
    void onlyTheAudioPackageTouchesWebrtc() {
        noClasses().that().resideOutsideOfPackage("org.voicerooms.client.audio..")
                .should().dependOnClassesThat().resideInAPackage("dev.onvoid.webrtc..").check(classes);
    }

    @Test
    void theCoreIsHeadless() {
        noClasses().that().resideInAPackage("org.voicerooms.client.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.voicerooms.client.audio..")
                .check(classes);
    }

    @Test
    void theClientNeverReachesIntoServerInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.voicerooms.server.live..",
                "org.voicerooms.server.store..", "org.voicerooms.server.realtime..").check(classes);
    }

    @Test
    void screensGoThroughTheCore() {
        noClasses().that().resideInAnyPackage("org.voicerooms.client.app..", "org.voicerooms.client.signin..",
                "org.voicerooms.client.discover..", "org.voicerooms.client.room..", "org.voicerooms.client.settings..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.onvoid.webrtc..", "io.socket..", "okhttp3..")
                .check(classes);
    }

    @Test
    void viewModelsKnowNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }
}
