package io.telops.dashboard.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The address a page's pager ({@code tags/pager.html}) appends {@code page=n} to. */
public final class PagerLink {
    private PagerLink() {
    }

    /**
     * The list's path and its filters, so that paging keeps them.
     *
     * @param filters names and values in turn; each value is URL-encoded
     */
    public static String of(String path, String... filters) {
        if (filters.length % 2 != 0) {
            throw new IllegalArgumentException("filters come as name, value pairs");
        }
        StringBuilder link = new StringBuilder(path).append('?');
        for (int i = 0; i < filters.length; i += 2) {
            link.append(filters[i]).append('=').append(URLEncoder.encode(filters[i + 1], StandardCharsets.UTF_8)).append('&');
        }
        return link.toString();
    }
}
