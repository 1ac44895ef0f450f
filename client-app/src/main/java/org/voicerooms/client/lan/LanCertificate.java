package org.voicerooms.client.lan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.voicerooms.client.core.PinnedCertificate;

/**
 * The LAN host's self-signed TLS certificate, made once and kept in the hosting data folder ({@code lan-tls.p12},
 * its random password in {@code lan-tls.pass}, both owner-only), so its fingerprint stays the same from one
 * hosting to the next. It is made by the JDK's own {@code keytool} (EC P-256, ten years): no extra library, and
 * the JDK's code does the ASN.1. Guests do not check it against a CA but against the SHA-256 fingerprint the host
 * announces in its mDNS record.
 */
record LanCertificate(Path keystore, String password, String fingerprint) {

    static final String ALIAS = "voicerooms-lan";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Creates {@code file} empty and readable by its owner only (where the file system has POSIX permissions), so the
     * password is never readable by other users of the machine, not even between writing and restricting it.
     */
    private static Path ownerOnly(Path file) throws IOException {
        return POSIX ? Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createFile(file);
    }

    /** The certificate kept in {@code dir}, made first if there is none (about a second, once). */
    static LanCertificate loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("lan-tls.p12");
        Path passFile = dir.resolve("lan-tls.pass");
        if (!Files.exists(keystore) || !Files.exists(passFile)) {
            Files.deleteIfExists(keystore);
            String password = HexFormat.of().formatHex(randomBytes());
            Files.deleteIfExists(passFile);
            Files.writeString(ownerOnly(passFile), password, StandardCharsets.UTF_8);
            generate(keystore, password);
            if (POSIX) { // keytool refuses an existing empty file, so the keystore is restricted once written
                Files.setPosixFilePermissions(keystore, OWNER_ONLY);
            }
        }
        String password = Files.readString(passFile, StandardCharsets.UTF_8).strip();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return new LanCertificate(keystore, password, PinnedCertificate.fingerprint(store.getCertificate(ALIAS)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("The LAN certificate in " + keystore + " cannot be read (" + e.getMessage()
                    + "); delete it and " + passFile.getFileName() + " to make a new one", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void generate(Path keystore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("Cannot make the LAN certificate: this Java has no keytool (" + keytool + ")");
        }
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=Voice Rooms LAN host", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "VOICEROOMS_LAN_PASS", "-keypass:env", "VOICEROOMS_LAN_PASS", "-noprompt");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("VOICEROOMS_LAN_PASS", password); // not on the command line others can read
        Process keygen = builder.start();
        try {
            String out = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keygen.waitFor(60, TimeUnit.SECONDS) || keygen.exitValue() != 0 || !Files.exists(keystore)) {
                keygen.destroyForcibly();
                throw new IOException("Cannot make the LAN certificate: keytool said " + out.strip());
            }
        } catch (InterruptedException e) {
            keygen.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the LAN certificate", e);
        }
    }
}
