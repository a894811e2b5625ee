package io.telops.provisioning.serving;

/**
 * The If-None-Match check of every file served here (configs, boot files, phonebooks, firmware): a list of entity tags
 * or {@code *}, compared weakly, as RFC 9110 section 13.1.2 asks for this header.
 */
final class IfNoneMatch {
    private IfNoneMatch() {
    }

    /** True when {@code header} names {@code etag} (quoted, strong) or is {@code *}: the client's copy is current. */
    static boolean matches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
