package io.telops.provisioning.firmware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Range} request header read against a file of known size (RFC 9110 section 14): one byte range is served as
 * 206, a range that starts past the end is 416, and anything else (no header, another unit, a malformed value, or
 * several ranges, which would need multipart/byteranges) is answered with the whole file, as the RFC allows.
 */
public sealed interface ByteRange {
    Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    record Whole() implements ByteRange {
    }

    /** Bytes {@code first} to {@code last}, both inclusive. */
    record Part(long first, long last) implements ByteRange {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    record Unsatisfiable() implements ByteRange {
        public String contentRange(long size) {
            return "bytes */" + size;
        }
    }

    static ByteRange parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Part(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (first >= size) {
                return new Unsatisfiable();
            }
            if (last < first) {
                return new Whole(); // invalid: ignored
            }
            return new Part(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return new Whole(); // beyond a long: treated as malformed
        }
    }
}
