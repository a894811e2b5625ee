package io.telops.callforward.plivoxml;

import java.util.List;

/** A {@code <Response>} document: the elements Plivo runs in order. */
public record PlivoResponse(List<PlivoElement> elements) {
    public PlivoResponse {
        elements = List.copyOf(elements);
    }

    public static PlivoResponse of(PlivoElement... elements) {
        return new PlivoResponse(List.of(elements));
    }

    public String toXml() {
        return PlivoXmlWriter.write(this);
    }
}
