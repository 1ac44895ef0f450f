package org.voicerooms.client.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Trust in exactly one certificate, named by its SHA-256 fingerprint: how the app talks to a server hosted on the
 * LAN, whose self-signed certificate no authority vouches for but whose fingerprint came with its mDNS
 * announcement. The system's CAs play no part, and neither does the host name (a LAN server is reached by address
 * and its certificate names none): a certificate with another fingerprint is refused during the handshake, before
 * any token or password is sent.
 */
public final class PinnedCertificate {

    /** The field of the {@link org.voicerooms.model.ApiError} that says a certificate was refused. */
    public static final String FIELD = "certificate";

    private PinnedCertificate() {
    }

    /** Lower-case hex SHA-256 of a certificate's DER encoding, as announced. */
    public static String fingerprint(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@code http} trusting only the certificate whose SHA-256 fingerprint is {@code fingerprint} (hex). */
    public static OkHttpClient pin(OkHttpClient http, String fingerprint) {
        String pinned = normalize(fingerprint);
        X509TrustManager trust = new Trust(pinned);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new X509TrustManager[] {trust}, null);
            return http.newBuilder().sslSocketFactory(tls.getSocketFactory(), trust)
                    .hostnameVerifier((host, session) -> true) // the fingerprint, checked in the handshake, is the name
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }

    /** The refusal, raised inside the handshake; {@link ApiClient} turns it into a typed error. */
    public static final class Mismatch extends CertificateException {
        Mismatch(String message) {
            super(message);
        }
    }

    private record Trust(String pinned) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new Mismatch("The server showed no certificate.");
            }
            String actual;
            try {
                actual = fingerprint(chain[0]);
            } catch (IllegalStateException e) {
                throw new CertificateEncodingException(e.getMessage());
            }
            if (!MessageDigest.isEqual(actual.getBytes(), pinned.getBytes())) {
                throw new Mismatch("The server's certificate (SHA-256 " + shortly(actual) + ") is not the one it"
                        + " announced on this network (" + shortly(pinned) + "). Another device may be posing as"
                        + " it, so the app did not connect.");
            }
        }

        private static String shortly(String hex) {
            return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
