package io.telops.dashboard.phone;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** One page of a longer list; {@code page} counts from 0. */
@TemplateData
public record Page<T>(List<T> items, int page, int size, long total) {
    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    /** The page number as people count, from 1. */
    public int number() {
        return page + 1;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int previous() {
        return Math.max(0, page - 1);
    }

    public int next() {
        return page + 1;
    }
}
