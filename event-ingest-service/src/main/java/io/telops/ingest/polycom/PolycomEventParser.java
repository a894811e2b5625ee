package io.telops.ingest.polycom;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

import io.telops.contracts.MacAddress;
import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.IncomingCall;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.LineUnregistered;
import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.OnHook;
import io.telops.contracts.phone.OutgoingCall;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneLocked;
import io.telops.contracts.phone.PhoneUnlocked;
import io.telops.contracts.phone.UiInitialized;
import io.telops.contracts.phone.UserLoggedIn;
import io.telops.contracts.phone.UserLoggedOut;
import io.telops.ingest.polycom.PhoneTimestamps.PhoneTime;

/**
 * Reads the XML a Poly/Polycom phone posts to {@code apps.telNotification.URL} (Web Application Developer's
 * Guide, "telephony event notification"): either one bare event element ({@code <IncomingCallEvent>...}) as
 * the UC Software 5.x guide shows, or several events wrapped in {@code <PolycomIPPhone>} as the SIP 3.x guide
 * and the phones in the field send.
 *
 * <p>Hardened: StAX with DTDs and external entities off and any DOCTYPE rejected outright (so no entity can
 * be declared, let alone expanded or fetched), a byte limit enforced while reading, and bounds on depth,
 * element count and text length.
 */
public final class PolycomEventParser {
    /** The wrapper element of every Polycom XML API document. */
    public static final String WRAPPER = "PolycomIPPhone";

    private static final int MAX_DEPTH = 12;
    private static final int MAX_TEXT = 4096;
    private static final int MAX_ATTRIBUTES = 16;

    private final XMLInputFactory factory;
    private final long maxBytes;
    private final int maxEvents;
    private final int maxElements;

    public PolycomEventParser(long maxBytes, int maxEvents) {
        this.maxBytes = maxBytes;
        this.maxEvents = maxEvents;
        this.maxElements = Math.max(64, maxEvents * 64);
        // Woodstox, named explicitly (not whatever the classpath offers), configured closed; the JDK's reader was
        // as safe but its construction alone cost more than parsing a whole push
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH + 1);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES + 1);
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT * 4);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        this.factory = f;
    }

    /**
     * @param body          the request body (read at most {@code maxBytes + 1} bytes)
     * @param remoteAddress the sender's address, used as phone IP when the event carries none
     * @param receivedAt    used as the event time when the event carries no TimeStamp
     */
    public List<PushEntry> parse(InputStream body, String remoteAddress, Instant receivedAt) throws MalformedPushException {
        XmlElement root = read(new LimitedInputStream(body, maxBytes));
        List<XmlElement> events = WRAPPER.equals(root.name()) ? root.children() : List.of(root);
        if (events.isEmpty()) {
            throw new MalformedPushException("<" + WRAPPER + "> contains no event");
        }
        if (events.size() > maxEvents) {
            throw new MalformedPushException("more than " + maxEvents + " events in one request");
        }
        List<PushEntry> entries = new ArrayList<>(events.size());
        for (XmlElement event : events) {
            entries.add(toEntry(event, remoteAddress, receivedAt));
        }
        return entries;
    }

    /** Reads and bounds the document into a small element tree. */
    public XmlElement read(InputStream in) throws MalformedPushException {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(in);
            Deque<Builder> open = new ArrayDeque<>();
            XmlElement root = null;
            int elements = 0;
            while (reader.hasNext()) {
                int token = reader.next();
                switch (token) {
                    case XMLStreamConstants.DTD -> throw new MalformedPushException("DOCTYPE/DTD is not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new MalformedPushException("entity references are not allowed: &" + reader.getLocalName() + ";");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null) {
                            throw new MalformedPushException("content after the document element");
                        }
                        if (++elements > maxElements) {
                            throw new MalformedPushException("more than " + maxElements + " elements");
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw new MalformedPushException("nesting deeper than " + MAX_DEPTH);
                        }
                        if (reader.getAttributeCount() > MAX_ATTRIBUTES) {
                            throw new MalformedPushException("more than " + MAX_ATTRIBUTES + " attributes");
                        }
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.put(reader.getAttributeLocalName(i), bounded(reader.getAttributeValue(i)));
                        }
                        open.push(new Builder(reader.getLocalName(), attributes));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement done = open.pop().build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions, end of document: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new MalformedPushException("no document element");
            }
            return root;
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof PushTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (e.getCause() instanceof PushTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new MalformedPushException("malformed XML: " + firstLine(e.getMessage()), e);
        } catch (LimitExceeded e) {
            throw new PushTooLargeException(maxBytes);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    private PushEntry toEntry(XmlElement e, String remoteAddress, Instant receivedAt) {
        String name = e.name();
        Function<Common, PhoneEvent> mapping = switch (name) {
            case "IncomingCallEvent" -> c -> new IncomingCall(c.mac, c.ip, c.at, c.offset, caller(e), callee(e));
            case "OutgoingCallEvent" -> c -> new OutgoingCall(c.mac, c.ip, c.at, c.offset, caller(e), callee(e));
            case "CallStateChangeEvent" -> c -> callStateChanged(e, c);
            case "OffHookEvent" -> c -> new OffHook(c.mac, c.ip, c.at, c.offset);
            case "OnHookEvent" -> c -> new OnHook(c.mac, c.ip, c.at, c.offset);
            case "PhoneLockedEvent" -> c -> new PhoneLocked(c.mac, c.ip, c.at, c.offset);
            case "PhoneUnlockedEvent" -> c -> new PhoneUnlocked(c.mac, c.ip, c.at, c.offset);
            case "LineRegistrationEvent" -> c -> new LineRegistered(c.mac, c.ip, c.at, c.offset, lineNumber(e), lineAddress(e));
            // 5.0.0 guide spells it LineUnregistrationEvent; other releases capitalise the R
            case "LineUnregistrationEvent", "LineUnRegistrationEvent" ->
                    c -> new LineUnregistered(c.mac, c.ip, c.at, c.offset, lineNumber(e), lineAddress(e));
            case "UserLoginOutEvent", "UserLogInEvent", "UserLogOutEvent", "UserLoginEvent", "UserLogoutEvent" -> c -> userEvent(e, c);
            case "UIInitializationEvent" -> c -> new UiInitialized(c.mac, c.ip, c.at, c.offset);
            default -> null;
        };
        Optional<String> rawMac = e.text("MACAddress");
        if (mapping == null) {
            return new PushEntry.Unrecognised(name, rawMac.flatMap(PolycomEventParser::normalisedMac));
        }
        Optional<String> mac = rawMac.flatMap(PolycomEventParser::normalisedMac);
        if (mac.isEmpty()) {
            return new PushEntry.Invalid(name, rawMac.isPresent() ? "MACAddress is not a MAC address" : "MACAddress is missing");
        }
        Optional<PhoneTime> time = e.text("TimeStamp").map(t -> PhoneTimestamps.parse(t).orElse(null));
        if (e.text("TimeStamp").isPresent() && time.isEmpty()) {
            return new PushEntry.Invalid(name, "TimeStamp is not an ISO-8601 date-time");
        }
        PhoneTime at = time.orElse(new PhoneTime(receivedAt, "Z"));
        Common common = new Common(mac.get(), e.text("PhoneIP").orElse(remoteAddress), at.instant(), at.utcOffset());
        try {
            PhoneEvent event = mapping.apply(common);
            return new PushEntry.Recognised(name, event, EventIds.pushed(event, e));
        } catch (InvalidEvent invalid) {
            return new PushEntry.Invalid(name, invalid.getMessage());
        }
    }

    private static CallStateChanged callStateChanged(XmlElement e, Common c) {
        Optional<XmlElement> line = e.child("CallLineInfo");
        List<XmlElement> calls = line.map(l -> l.all("CallInfo")).orElse(List.of());
        Optional<String> reference = e.attribute("CallReference")
                .or(() -> calls.stream().findFirst().flatMap(ci -> ci.text("CallReference")));
        String callReference = reference.orElseThrow(() -> new InvalidEvent("CallReference is missing"));
        // several calls may share the line: take the one this event is about
        Optional<XmlElement> call = calls.stream().filter(ci -> ci.text("CallReference").equals(reference)).findFirst()
                .or(() -> calls.stream().findFirst());
        String state = e.attribute("CallState").or(() -> call.flatMap(ci -> ci.text("CallState")))
                .orElseThrow(() -> new InvalidEvent("CallState is missing"));
        Optional<Integer> lineNumber = integer(e.text("LineNumber")).or(() -> integer(line.flatMap(l -> l.text("LineKeyNum"))));
        return new CallStateChanged(c.mac, c.ip, c.at, c.offset, callReference, state, lineNumber,
                line.flatMap(l -> l.text("LineDirNum")), call.flatMap(ci -> ci.text("CallType")),
                call.flatMap(ci -> party(ci, "CallingPartyName", "CallingPartyDirNum")),
                call.flatMap(ci -> party(ci, "CalledPartyName", "CalledPartyDirNum")),
                integer(call.flatMap(ci -> ci.text("CallDuration"))));
    }

    private static PhoneEvent userEvent(XmlElement e, Common c) {
        Optional<XmlElement> line = e.child("CallLineInfo");
        Optional<Integer> lineNumber = integer(line.flatMap(l -> l.text("LineKeyNum")));
        Optional<String> dirNumber = line.flatMap(l -> l.text("LineDirNum"));
        boolean loggedIn = e.has("UserLoggedIn") || "UserLogInEvent".equals(e.name()) || "UserLoginEvent".equals(e.name());
        if (loggedIn && !e.has("UserLoggedOut")) {
            String user = e.text("UserLoggedIn").or(() -> e.text("User"))
                    .orElseThrow(() -> new InvalidEvent("UserLoggedIn is empty"));
            return new UserLoggedIn(c.mac, c.ip, c.at, c.offset, user, lineNumber, dirNumber);
        }
        if (e.has("UserLoggedOut") || "UserLogOutEvent".equals(e.name()) || "UserLogoutEvent".equals(e.name())) {
            return new UserLoggedOut(c.mac, c.ip, c.at, c.offset, e.text("UserLoggedOut").or(() -> e.text("User")),
                    lineNumber, dirNumber);
        }
        throw new InvalidEvent("neither UserLoggedIn nor UserLoggedOut");
    }

    private static Party caller(XmlElement e) {
        return new Party(e.text("CallingPartyName").orElse(""), e.text("CallingPartyNumber").orElse(""));
    }

    private static Party callee(XmlElement e) {
        return new Party(e.text("CalledPartyName").orElse(""), e.text("CalledPartyNumber").orElse(""));
    }

    private static Optional<Party> party(XmlElement call, String nameElement, String numberElement) {
        Optional<String> name = call.text(nameElement);
        Optional<String> number = call.text(numberElement);
        return name.isEmpty() && number.isEmpty() ? Optional.empty()
                : Optional.of(new Party(name.orElse(""), number.orElse("")));
    }

    private static Optional<Integer> lineNumber(XmlElement e) {
        return integer(e.text("LineNumber")).or(() -> integer(e.child("CallLineInfo").flatMap(l -> l.text("LineKeyNum"))));
    }

    private static Optional<String> lineAddress(XmlElement e) {
        return e.text("LineAddress").or(() -> e.child("CallLineInfo").flatMap(l -> l.text("LineDirNum")));
    }

    private static Optional<Integer> integer(Optional<String> text) {
        return text.flatMap(t -> {
            try {
                int value = Integer.parseInt(t);
                return value >= 0 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> normalisedMac(String raw) {
        try {
            return Optional.of(MacAddress.normalise(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String bounded(String value) throws MalformedPushException {
        if (value.length() > MAX_TEXT) {
            throw new MalformedPushException("a value is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private record Common(String mac, String ip, Instant at, String offset) {
    }

    /** A known event whose content cannot be mapped; becomes {@link PushEntry.Invalid}. */
    private static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        void append(String chunk) throws MalformedPushException {
            if (text.length() + chunk.length() > MAX_TEXT) {
                throw new MalformedPushException("text of <" + name + "> is longer than " + MAX_TEXT + " characters");
            }
            text.append(chunk);
        }

        XmlElement build() {
            return new XmlElement(name, Map.copyOf(attributes), List.copyOf(children), text.toString());
        }
    }

    /** Signals the byte limit from inside the StAX reader, which wraps IOExceptions. */
    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded() {
            super(null, null, false, false);
        }
    }

    /** Stops reading one byte past the limit. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > limit) {
                throw new LimitExceeded();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new LimitExceeded();
                }
            }
            return n;
        }
    }
}
