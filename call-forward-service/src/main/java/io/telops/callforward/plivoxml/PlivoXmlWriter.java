package io.telops.callforward.plivoxml;

import java.io.StringWriter;
import java.net.URI;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.telops.callforward.plivoxml.PlivoElement.Dial;
import io.telops.callforward.plivoxml.PlivoElement.Hangup;
import io.telops.callforward.plivoxml.PlivoElement.Number;
import io.telops.callforward.plivoxml.PlivoElement.Play;
import io.telops.callforward.plivoxml.PlivoElement.Record;
import io.telops.callforward.plivoxml.PlivoElement.Redirect;
import io.telops.callforward.plivoxml.PlivoElement.Speak;
import io.telops.callforward.plivoxml.PlivoElement.User;
import io.telops.callforward.plivoxml.PlivoElement.Wait;

/** Writes Plivo XML with StAX, which escapes {@code & < > "} in text and attributes. */
public final class PlivoXmlWriter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private PlivoXmlWriter() {
    }

    public static String write(PlivoResponse response) {
        StringWriter out = new StringWriter(256);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Response");
            for (PlivoElement e : response.elements()) {
                element(w, e);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Plivo XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, PlivoElement e) throws XMLStreamException {
        if (e instanceof Speak s) {
            w.writeStartElement("Speak");
            attribute(w, "voice", s.voice());
            attribute(w, "language", s.language());
            attribute(w, "loop", Integer.toString(s.loop()));
            text(w, s.text());
            w.writeEndElement();
        } else if (e instanceof Play p) {
            w.writeStartElement("Play");
            attribute(w, "loop", Integer.toString(p.loop()));
            text(w, p.url().toString());
            w.writeEndElement();
        } else if (e instanceof Wait wt) {
            w.writeEmptyElement("Wait");
            attribute(w, "length", Integer.toString(wt.lengthSeconds()));
        } else if (e instanceof Dial d) {
            dial(w, d);
        } else if (e instanceof Record r) {
            w.writeEmptyElement("Record");
            attribute(w, "action", r.action().toString());
            attribute(w, "method", r.method().name());
            attribute(w, "redirect", Boolean.toString(r.redirect()));
            attribute(w, "maxLength", Integer.toString(r.maxLengthSeconds()));
            attribute(w, "finishOnKey", r.finishOnKey());
            attribute(w, "playBeep", Boolean.toString(r.playBeep()));
            attribute(w, "fileFormat", r.fileFormat());
            attribute(w, "timeout", Integer.toString(r.timeoutSeconds()));
        } else if (e instanceof Hangup h) {
            w.writeEmptyElement("Hangup");
            optional(w, "reason", h.reason());
        } else if (e instanceof Redirect r) {
            w.writeStartElement("Redirect");
            attribute(w, "method", r.method().name());
            text(w, r.url().toString());
            w.writeEndElement();
        } else {
            throw new IllegalArgumentException("unknown element " + e);
        }
    }

    private static void dial(XMLStreamWriter w, Dial d) throws XMLStreamException {
        w.writeStartElement("Dial");
        optional(w, "action", d.action().map(URI::toString));
        if (d.action().isPresent()) {
            attribute(w, "method", d.method().name());
        }
        attribute(w, "timeout", Integer.toString(d.timeoutSeconds()));
        optional(w, "callerId", d.callerId());
        optional(w, "callerName", d.callerName());
        optional(w, "confirmSound", d.confirmSound().map(URI::toString));
        optional(w, "confirmKey", d.confirmKey());
        optional(w, "dialMusic", d.dialMusic());
        for (PlivoElement.DialTarget t : d.targets()) {
            if (t instanceof User u) {
                w.writeStartElement("User");
                text(w, u.sipUri());
            } else {
                w.writeStartElement("Number");
                text(w, ((Number) t).number());
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, legal(value));
    }

    private static void text(XMLStreamWriter w, String value) throws XMLStreamException {
        w.writeCharacters(legal(value));
    }

    /** Drops what XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates); escaping is StAX's job. */
    static String legal(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (!ok && b == null) {
                b = new StringBuilder(s.substring(0, i));
            } else if (ok && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static void optional(XMLStreamWriter w, String name, Optional<String> value) throws XMLStreamException {
        if (value.isPresent()) {
            attribute(w, name, value.get());
        }
    }
}
