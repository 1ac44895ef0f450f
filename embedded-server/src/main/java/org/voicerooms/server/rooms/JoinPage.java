package org.voicerooms.server.rooms;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.voicerooms.model.Check;

/**
 * {@code GET /r/:roomId}: the web face of an invite link. A static page with an "Open in Voice Rooms" button (the
 * {@code voicerooms://join/<server>/<roomId>} link the app registers) and how to get the app otherwise. It names no
 * room and carries no secret: whether the visitor may enter is decided when the app joins, signed in, by the
 * server's own rules (an invitation opens a private room only to the invited user).
 */
public final class JoinPage {

    public void register(RoutesConfig routes) {
        routes.get("/r/{roomId}", this::page);
    }

    private void page(Context ctx) {
        String roomId = ctx.pathParam("roomId");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!Check.isId(roomId)) {
            ctx.status(HttpStatus.NOT_FOUND).html(html("Not a room link",
                    "<p>This address does not name a Voice Rooms room.</p>"));
            return;
        }
        String server = serverOf(ctx);
        String appLink = appLink(server, roomId);
        String webLink = server + "/r/" + roomId;
        ctx.html(html("Join a room on Voice Rooms",
                "<p><a class=\"button\" id=\"open\" href=\"" + escape(appLink) + "\">Open in Voice Rooms</a></p>"
                        + "<p>Nothing happens? Install the Voice Rooms desktop app, sign in to <b>"
                        + escape(server) + "</b>, and paste this page's address or the room id <code>" + roomId
                        + "</code> into <i>Join by link</i>.</p>"
                        + "<p class=\"muted\">Link: <code>" + escape(webLink) + "</code></p>"));
    }

    /** The server as the visitor reached it: scheme and the Host header (a LAN address, a domain). */
    static String serverOf(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
            host = "localhost";
        }
        return ctx.scheme() + "://" + host;
    }

    /**
     * {@code voicerooms://join/<server>/<roomId>}: plain HTTP servers as {@code host:port}, others as the
     * percent-encoded URL, as the app's link reader expects.
     */
    static String appLink(String server, String roomId) {
        String part = server.startsWith("http://") ? server.substring("http://".length())
                : URLEncoder.encode(server, StandardCharsets.UTF_8);
        return "voicerooms://join/" + part + "/" + roomId;
    }

    private static String html(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\"><style>body{font-family:sans-serif;"
                + "max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}.button{display:inline-block;"
                + "padding:.6em 1.2em;background:#0969da;color:#fff;border-radius:6px;text-decoration:none}"
                + ".muted{color:#666}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
