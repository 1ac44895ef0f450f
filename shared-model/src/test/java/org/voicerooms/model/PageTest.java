package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.users.UserRef;

/** Pages of lists: counted from 1, {@code hasMore} derived from the total. */
class PageTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    @ParameterizedTest(name = "page {0} of {1} from {2} → hasMore {3}")
    @CsvSource({
        "1, 20, 0,  false",
        "1, 20, 19, false",
        "1, 20, 20, false",
        "1, 20, 21, true",
        "2, 20, 40, false",
        "2, 20, 41, true",
        "3, 20, 41, false",
        "9, 20, 41, false"})
    void hasMoreOnlyWhenItemsFollowThisPage(int page, int limit, long total, boolean hasMore) {
        assertThat(Page.of(List.of(), page, limit, total).hasMore()).isEqualTo(hasMore);
    }

    @Test
    void hasMoreDoesNotOverflowOnHugePages() {
        // 65536 * 65536 is 0 in int arithmetic, which would claim more items after page 65536
        assertThat(Page.of(List.of(), 65_536, 65_536, 1).hasMore()).isFalse();
    }

    @Test
    void itemsAreNeverNull() {
        assertThat(new Page<String>(null, 1, 20, 0, false).items()).isEmpty();
    }

    @Test
    void itemsAreAnUnmodifiableCopy() {
        List<String> source = new ArrayList<>(List.of("a"));
        Page<String> page = Page.of(source, 1, 20, 1);

        source.add("b");

        assertThat(page.items()).containsExactly("a");
        assertThatThrownBy(() -> page.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hasTheDocumentedWireShape() throws Exception {
        Page<UserRef> page = Page.of(List.of(new UserRef(Samples.HOST_ID)), 1, 20, 57);

        assertThat(MAPPER.writeValueAsString(page)).isEqualTo("{\"items\":[{\"userId\":\"665f1c2ab3d4e5f607182901\"}],"
                + "\"page\":1,\"limit\":20,\"total\":57,\"hasMore\":true}");
    }

    @Test
    void roundTripsWithTypedItems() throws Exception {
        Page<RoomListing> page = Page.of(List.of(new RoomListing(Samples.room(), "Ada Lovelace", 3, 2, 1)), 2, 1, 5);

        Page<RoomListing> back = MAPPER.readValue(MAPPER.writeValueAsString(page), new TypeReference<>() {
        });

        assertThat(back).isEqualTo(page);
        assertThat(back.items().get(0)).isInstanceOf(RoomListing.class);
    }

    @Test
    void aPageWithoutItemsReadsAsEmpty() throws Exception {
        Page<UserRef> page = MAPPER.readValue("{\"page\":1,\"limit\":20,\"total\":0,\"hasMore\":false}",
                new TypeReference<>() {
                });

        assertThat(page.items()).isEmpty();
    }
}
