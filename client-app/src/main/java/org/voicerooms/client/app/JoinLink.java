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

    /**
     * Reads what a person pasted to join a room: a {@code voicerooms://join/...} link, the web page's
     * {@code http(s)://<server>/r/<roomId>}, or a bare room id (on {@code currentServer}). Surrounding spaces and a
     * trailing slash are forgiven; anything else is an {@link IllegalArgumentException} saying what is accepted.
     */
    public static JoinLink fromPasted(String text, String currentServer) {
        String t = text == null ? "" : text.strip();
        if (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (isLink(t)) {
            return parse(t);
        }
        if (ROOM_ID.matcher(t).matches()) {
            if (currentServer == null) {
                throw new IllegalArgumentException("sign in to a server first, then paste the room id");
            }
            return new JoinLink(currentServer, t.toLowerCase(java.util.Locale.ROOT));
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PASTE_HELP);
        }
        String[] path = uri.getRawPath() == null ? new String[0] : uri.getRawPath().split("/");
        if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null && path.length == 3 && "r".equals(path[1])
                && ROOM_ID.matcher(path[2]).matches()) {
            String server = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority();
            return new JoinLink(server, path[2].toLowerCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException(PASTE_HELP);
    }

    private static final java.util.regex.Pattern ROOM_ID = java.util.regex.Pattern.compile("[0-9a-fA-F]{24}");
    private static final String PASTE_HELP = "paste an invite link (voicerooms://join/… or http(s)://…/r/…) "
            + "or a room id";

    /** The app link for a room: {@code host:port} for plain HTTP servers, the percent-encoded URL otherwise. */
    public String appLink() {
        String part = server.startsWith("http://") ? server.substring("http://".length())
                : java.net.URLEncoder.encode(server, StandardCharsets.UTF_8);
        return SCHEME + "://join/" + part + "/" + roomId;
    }

    /** The web page of the link, {@code <server>/r/<roomId>}: opens the app or says how to get it. */
    public String webLink() {
        return server + "/r/" + roomId;
    }

    /** Whether this link's server is {@code other} (scheme, host and port; default ports filled in). */
    public boolean onServer(URI other) {
        if (other == null) {
            return false;
        }
        URI mine = URI.create(server);
        return mine.getScheme().equalsIgnoreCase(other.getScheme()) && mine.getHost().equalsIgnoreCase(other.getHost())
                && port(mine) == port(other);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
