package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: tokens, passwords and room traffic readable (and changeable) by anyone on the path. With {@code tls-cert}
 * and {@code tls-key} (PEM) or {@code tls-keystore}, the server's one port speaks HTTPS and WSS only.
 */
class TlsIT {

    private static final String PASSWORD = "keystore-password";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static SSLContext trusting;
    private static X509TrustManager trustManager;

    @BeforeAll
    static void makeACertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=voicerooms-test", "-ext", "SAN=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
    }

    private static KeyStore serverStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Certificate certificate() throws Exception {
        return serverStore().getCertificate("server");
    }

    private static VoiceRoomsServer start(Consumer<ServerConfig.Builder> tls, String name) {
        ServerConfig.Builder b = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve(name))
                .jwtSecret(TestServer.JWT_SECRET).bcryptCost(4);
        tls.accept(b);
        return VoiceRoomsServer.create(b.build()).start();
    }

    private static int get(String url, SSLContext ssl) throws IOException, InterruptedException {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (ssl != null) {
            http.sslContext(ssl);
        }
        return http.build().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void aKeystoreServesHttpsAndWssOnTheOnePort() throws Exception {
        try (VoiceRoomsServer server = start(b -> b.tlsKeystore(keystore).tlsKeystorePassword(PASSWORD), "ks")) {
            String https = "https://127.0.0.1:" + server.port();
            assertThat(get(https + "/api/health", trusting)).isEqualTo(200);
            assertThatThrownBy(() -> get("http://127.0.0.1:" + server.port() + "/api/health", null))
                    .as("plain HTTP is not served").isInstanceOf(IOException.class);

            HttpResponse<String> guest = HttpClient.newBuilder().sslContext(trusting).build().send(
                    HttpRequest.newBuilder(URI.create(https + "/api/auth/guest")).header("Content-Type",
                            "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"displayName\":\"Secure\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(guest.statusCode()).isEqualTo(201);
            String token = guest.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");

            OkHttpClient ok = new OkHttpClient.Builder().sslSocketFactory(trusting.getSocketFactory(), trustManager)
                    .build();
            IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"})
                    .setReconnection(false).setAuth(Map.of("token", token)).build();
            options.callFactory = ok;
            options.webSocketFactory = ok;
            Socket socket = IO.socket(URI.create(https), options);
            CompletableFuture<Boolean> connected = new CompletableFuture<>();
            socket.on(Socket.EVENT_CONNECT, a -> connected.complete(true));
            socket.on(Socket.EVENT_CONNECT_ERROR, a -> connected.complete(false));
            socket.connect();
            try {
                assertThat(connected.get(10, TimeUnit.SECONDS)).as("connected over wss").isTrue();
            } finally {
                socket.close();
                ok.dispatcher().executorService().shutdown();
                ok.connectionPool().evictAll();
            }
        }
    }

    @Test
    void aPemPairServesHttps() throws Exception {
        KeyStore store = serverStore();
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Files.writeString(cert, pem("CERTIFICATE", certificate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("server", PASSWORD.toCharArray()).getEncoded()),
                StandardCharsets.US_ASCII);
        try (VoiceRoomsServer server = start(b -> b.tlsCert(cert).tlsKey(key), "pem")) {
            assertThat(get("https://127.0.0.1:" + server.port() + "/api/health", trusting)).isEqualTo(200);
        }
    }
}
