package org.voicerooms.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS (and so WSS, the websocket upgrade rides the same connection) on the server's one port, from a PEM
 * certificate chain plus PKCS#8 PEM private key, or from a PKCS#12 / JKS keystore. Without either the server speaks
 * plain HTTP, fit for loopback and trusted networks only: tokens and passwords cross the wire readable.
 */
public final class Tls {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private Tls() {
    }

    /** A keystore holding the key and chain of a PEM pair; the key must be PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    static KeyStore fromPem(Path certFile, Path keyFile) {
        try {
            List<Certificate> chain = new java.util.ArrayList<>();
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(certFile, "CERTIFICATE")) {
                try (InputStream in = new java.io.ByteArrayInputStream(der)) {
                    chain.add(x509.generateCertificate(in));
                }
            }
            List<byte[]> keys = blocks(keyFile, "PRIVATE KEY");
            if (chain.isEmpty() || keys.isEmpty()) {
                throw new IllegalArgumentException("tls-cert needs a BEGIN CERTIFICATE block and tls-key a BEGIN "
                        + "PRIVATE KEY (PKCS#8) block; convert others with: openssl pkcs8 -topk8 -nocrypt");
            }
            PrivateKey key = privateKey(keys.get(0), chain.get(0).getPublicKey().getAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls-cert / tls-key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("tls-cert / tls-key: cannot read " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 or JKS keystore file. */
    static KeyStore fromKeystore(Path file, String password) {
        char[] pass = password == null ? new char[0] : password.toCharArray();
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, pass);
                return store;
            } catch (IOException | GeneralSecurityException e) {
                if (type.equals("JKS")) {
                    throw new IllegalArgumentException("tls-keystore: cannot open " + file + ": " + e.getMessage(),
                            e);
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A key and its chain ready to serve: the keystore and the password of its key entry. */
    public record Material(KeyStore store, String keyPassword) {
    }

    /** The TLS material the settings name, or null when the server speaks plain HTTP. */
    public static Material load(Path cert, Path key, Path keystore, String keystorePassword) {
        if (cert != null) {
            return new Material(fromPem(cert, key), new String(IN_MEMORY_PASSWORD));
        }
        if (keystore != null) {
            return new Material(fromKeystore(keystore, keystorePassword), keystorePassword == null ? ""
                    : keystorePassword);
        }
        return null;
    }

    /** An HTTPS connector on {@code host:port} serving {@code tls}. */
    public static Connector connector(Server server, HttpConfiguration http, Material tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.store());
        ssl.setKeyManagerPassword(tls.keyPassword());
        // Clients reach LAN hosts and test servers by IP address, which a certificate rarely names; the
        // certificate still authenticates the server to clients that check it.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static PrivateKey privateKey(byte[] pkcs8, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static List<byte[]> blocks(Path file, String type) throws IOException {
        List<byte[]> out = new java.util.ArrayList<>();
        Matcher m = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
