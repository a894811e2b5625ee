package io.telops.deploy.kustomize;

import java.util.Map;

/**
 * A container image reference split the way kustomize's images transformer sees it: name, then an optional
 * ":tag" after the last path segment, then an optional "@digest".
 */
public record ImageReference(String name, String tag, String digest) {

    public static ImageReference parse(String image) {
        String rest = image;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** The image after one "images:" entry (name, newName, newTag, digest), unchanged if the name differs. */
    String apply(Map<String, Object> entry) {
        if (!name.equals(String.valueOf(entry.get("name")))) {
            return toString();
        }
        String newName = entry.get("newName") == null ? name : String.valueOf(entry.get("newName"));
        if (entry.get("digest") != null) {
            return newName + "@" + entry.get("digest");
        }
        if (entry.get("newTag") != null) {
            return newName + ":" + entry.get("newTag");
        }
        return new ImageReference(newName, tag, digest).toString();
    }

    public boolean pinned() {
        return !digest.isEmpty() || !tag.isEmpty() && !"latest".equals(tag);
    }

    @Override
    public String toString() {
        return name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
