package org.voicerooms.client.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A join link, {@code voicerooms://join/<server>/<roomId>}, as the desktop entry hands it to the app when someone
 * clicks one. {@code <server>} is {@code host[:port]} (plain HTTP, as on a LAN) or a percent-encoded URL
 * ({@code https%3A%2F%2Frooms.example.org}).
 *
 * @param server the server's base URL
 * @param roomId the room to join
 */
public record JoinLink(String server, String roomId) {

    public static final String SCHEME = "voicerooms";

    /** Whether a command-line argument is a link rather than an option. */
    public static boolean isLink(String arg) {
        return arg.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1);
    }

    /** Reads a link; a malformed one is an {@link IllegalArgumentException} naming what is wrong. */
    public static JoinLink parse(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a link: " + link);
        }
        // voicerooms://join/<server>/<roomId>: "join" is the authority, the rest the path
        String[] path = uri.getRawPath() == null ? new String[0] : uri.getRawPath().split("/");
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || !"join".equals(uri.getRawAuthority()) || path.length != 3
                || path[1].isEmpty() || path[2].isEmpty()) {
            throw new IllegalArgumentException("not a join link (" + SCHEME + "://join/<server>/<roomId>): " + link);
        }
        String server = URLDecoder.decode(path[1], StandardCharsets.UTF_8);
        if (!server.contains("://")) {
            server = "http://" + server;
        }
        URI serverUri = URI.create(server);
        if (!"http".equals(serverUri.getScheme()) && !"https".equals(serverUri.getScheme())
                || serverUri.getHost() == null) {
            throw new IllegalArgumentException("the link's server is not an http(s) address: " + link);
        }
        return new JoinLink(server, URLDecoder.decode(path[2], StandardCharsets.UTF_8));
    }
}
