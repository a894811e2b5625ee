package io.telops.ingest.polycom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One element of a phone's XML, as read by {@link PolycomEventParser}: small, bounded, no entities. */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlElement> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    public boolean has(String childName) {
        return child(childName).isPresent();
    }

    /** The trimmed text of a child element; absent when the child is missing or blank. */
    public Optional<String> text(String childName) {
        return child(childName).map(XmlElement::text).map(String::strip).filter(s -> !s.isEmpty());
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * The element as one string for its identity: attributes sorted by name, text trimmed, children in order,
     * markup characters escaped so that different trees never write the same string. Same bytes, same string.
     */
    public String canonical() {
        StringBuilder out = new StringBuilder(256);
        canonical(out);
        return out.toString();
    }

    private void canonical(StringBuilder out) {
        out.append('<').append(name);
        new TreeMap<>(attributes).forEach((k, v) -> escaped(out.append(' ').append(k).append("=\""), v).append('"'));
        escaped(out.append('>'), text.strip());
        children.forEach(child -> child.canonical(out));
        out.append("</").append(name).append('>');
    }

    private static StringBuilder escaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
