package org.voicerooms.model;

import java.util.List;

/**
 * One page of a list. Pages count from 1.
 *
 * @param items   the page's items, never null
 * @param page    this page's number
 * @param limit   the page size asked for
 * @param total   items in the whole list
 * @param hasMore whether a next page has items
 */
public record Page<T>(List<T> items, int page, int limit, long total, boolean hasMore) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A page of {@code items} from a list of {@code total}. */
    public static <T> Page<T> of(List<T> items, int page, int limit, long total) {
        return new Page<>(items, page, limit, total, (long) page * limit < total);
    }
}
