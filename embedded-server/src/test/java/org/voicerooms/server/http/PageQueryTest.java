package org.voicerooms.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.javalin.http.Context;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/** Paging parameters: defaults, the limits at both ends, and a typed error naming the bad parameter. */
class PageQueryTest {

    /** A request context that answers only query parameters, which is all PageQuery reads. */
    private static Context query(String page, String limit) {
        Map<String, String> params = new HashMap<>();
        params.put("page", page);
        params.put("limit", limit);
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("queryParam") && args != null && args.length == 1) {
                        return params.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @ParameterizedTest(name = "page={0} limit={1} max={2} → {3}, {4}, offset {5}")
    @CsvSource(nullValues = "null", value = {
            "null,  null, 100, 1,     20, 0",
            "'',    '',   100, 1,     20, 0",
            "null,  null, 5,   1,     5,  0",
            "1,     1,    100, 1,     1,  0",
            "3,     25,   100, 3,     25, 50",
            "10000, 100,  100, 10000, 100, 999900"})
    void acceptedValuesAndDefaults(String page, String limit, int max, int expectPage, int expectLimit,
                                   int expectOffset) {
        PageQuery q = PageQuery.from(query(page, limit), max);
        assertThat(q).isEqualTo(new PageQuery(expectPage, expectLimit));
        assertThat(q.offset()).isEqualTo(expectOffset);
    }

    @ParameterizedTest(name = "page={0} limit={1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "0,     null, page",
            "-1,    null, page",
            "10001, null, page",
            "x,     null, page",
            "1.5,   null, page",
            "null,  0,    limit",
            "null,  101,  limit",
            "null,  ten,  limit"})
    void badValuesAreRefusedNamingTheParameter(String page, String limit, String field) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> PageQuery.from(query(page, limit), 100));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.error().field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
    }

    @Test
    void theMessageStatesTheRange() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> PageQuery.from(query("1", "51"), 50));
        assertThat(e.getMessage()).contains("between 1 and 50");
    }
}
