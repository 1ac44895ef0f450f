package org.voicerooms.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.server.testing.TestServer;

/** The served OpenAPI document and the routes the server registers are the same set, both ways. */
@Timeout(30)
class OpenApiIT {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        var response = server.api().send("GET", "/api/openapi.json", Map.of(), null);
        assertThat(response.status()).as("served without a token").isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");

        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        List<String> registered = server.httpRoutes();

        assertThat(registered).as("registered routes").hasSizeGreaterThan(40);
        assertThat(documented).as("documented but not registered").isSubsetOf(registered);
        assertThat(registered).as("registered but not documented").isSubsetOf(documented);
    }

    @Test
    void everyOperationSaysWhatItAnswersAndNamesItsPathParameters() {
        JsonNode doc = server.api().send("GET", "/api/openapi.json", Map.of(), null).json();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            assertThat(op.getValue().path("summary").asText()).as(path.getKey()).isNotBlank();
            assertThat(op.getValue().path("responses").size()).as(path.getKey()).isPositive();
            long params = path.getKey().chars().filter(c -> c == '{').count();
            assertThat(op.getValue().path("parameters").findValues("in").stream()
                    .filter(n -> n.asText().equals("path")).count()).as(path.getKey()).isEqualTo(params);
        }));
    }
}
