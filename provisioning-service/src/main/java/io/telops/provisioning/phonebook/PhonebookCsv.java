package io.telops.provisioning.phonebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A phonebook CSV: a header row naming {@code first_name}, {@code last_name} and {@code number} (any order, other
 * columns refused), then one contact per row; RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote). A bad
 * row rejects the whole file with its line number.
 */
final class PhonebookCsv {
    /** Bytes (as UTF-16 length, a close upper bound for this text) a file may have: 5,000 contacts fit easily. */
    static final int MAX_CHARS = 1_048_576;
    private static final List<String> COLUMNS = List.of("first_name", "last_name", "number");

    private PhonebookCsv() {
    }

    static List<ContactInput> parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("empty CSV");
        }
        if (csv.length() > MAX_CHARS) {
            throw new IllegalArgumentException("CSV larger than " + MAX_CHARS + " characters");
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<String> lines = text.lines().toList();
        List<String> header = fields(lines.get(0), 1).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            at[c] = header.indexOf(COLUMNS.get(c));
        }
        if (at[2] < 0 || (at[0] < 0 && at[1] < 0) || !COLUMNS.containsAll(header) || header.size() != header.stream().distinct().count()) {
            throw new IllegalArgumentException("line 1: the header must name number and first_name and/or last_name, each once, "
                    + "and no other column");
        }
        List<ContactInput> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> f = fields(lines.get(i), lineNo);
            if (f.size() != header.size()) {
                throw new IllegalArgumentException("line " + lineNo + ": " + f.size() + " fields, the header has " + header.size());
            }
            try {
                out.add(new ContactInput(at[0] < 0 ? "" : f.get(at[0]), at[1] < 0 ? "" : f.get(at[1]), f.get(at[2])).validated());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the CSV has no contact");
        }
        return out;
    }

    /** One line's fields. A quoted field may hold commas and doubled quotes but not a line break. */
    private static List<String> fields(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("line " + lineNo + ": text after a closing quote");
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNo + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
