package org.voicerooms.server.ops;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the REST API as an OpenAPI 3.1 document, open like {@code /api/server}. Written by
 * hand beside docs/API.md; a test holds it to the routes the server registers, both ways.
 */
public final class OpenApiRoutes {

    /** Where the document sits on the class path. */
    public static final String RESOURCE = "/org/voicerooms/server/ops/openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
