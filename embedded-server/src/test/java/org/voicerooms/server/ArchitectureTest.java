package org.voicerooms.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of ARCHITECTURE.md §2 that concern the model and the server. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.voicerooms");
    }

    @Test
    void sharedModelDependsOnlyOnJacksonAndTheJdk() {
        noClasses().that().resideInAPackage("org.voicerooms.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.voicerooms.model..", "java..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void serverNeverTouchesUiOrAudioLibraries() {
        noClasses().that().resideInAPackage("org.voicerooms.server..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.onvoid.webrtc..")
                .check(classes);
    }

    @Test
    void featurePackagesDoNotReachIntoTheServerEntryPoint() {
        noClasses().that().resideInAnyPackage("org.voicerooms.server.auth..", "org.voicerooms.server.friends..",
                        "org.voicerooms.server.store..", "org.voicerooms.server.http..", "org.voicerooms.server.live..")
                .should().dependOnClassesThat().haveSimpleName("VoiceRoomsServer")
                .check(classes);
    }
}
