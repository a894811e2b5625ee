package io.telops.ingest.polycom;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
}
