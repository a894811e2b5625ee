package io.telops.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;

/** Test payloads: the Poly documentation samples under src/test/resources/polycom, and generated ones. */
public final class Samples {
    private Samples() {
    }

    public static String resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/polycom/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A realistic push of a phone in a call: off hook, outgoing call, call state changes, on hook. */
    public static String callBurst(String mac, int sequence) {
        String ip = "10.20." + (sequence / 250 % 250) + "." + (sequence % 250 + 1);
        String ts = "2026-11-25T10:" + two(sequence / 60 % 60) + ":" + two(sequence % 60) + "+01:00";
        String ref = "0x" + Integer.toHexString(0x100000 + sequence);
        return "<PolycomIPPhone>"
                + simple("OffHookEvent", mac, ip, ts)
                + "<OutgoingCallEvent><PhoneIP>" + ip + "</PhoneIP><MACAddress>" + mac + "</MACAddress>"
                + "<CallingPartyName>Desk " + sequence + "</CallingPartyName><CallingPartyNumber>2" + sequence + "</CallingPartyNumber>"
                + "<CalledPartyName>Support</CalledPartyName><CalledPartyNumber>5000@pbx.example.net</CalledPartyNumber>"
                + "<TimeStamp>" + ts + "</TimeStamp></OutgoingCallEvent>"
                + callState(mac, ip, ts, ref, "Setup", 0)
                + callState(mac, ip, ts, ref, "Connected", 0)
                + callState(mac, ip, ts, ref, "Disconnected", 37)
                + simple("OnHookEvent", mac, ip, ts)
                + "</PolycomIPPhone>";
    }

    public static final int EVENTS_PER_BURST = 6;

    /** The ce_ids the service gives the events of a push, in order: derived from the content, so any sender and time do. */
    public static List<String> ceIds(String body) {
        try {
            return new PolycomEventParser(2 * 1024 * 1024, 500)
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "127.0.0.1", Instant.now()).stream()
                    .filter(PushEntry.Recognised.class::isInstance).map(e -> ((PushEntry.Recognised) e).ceId().toString()).toList();
        } catch (MalformedPushException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String simple(String element, String mac, String ip, String ts) {
        return "<" + element + "><PhoneIP>" + ip + "</PhoneIP><MACAddress>" + mac + "</MACAddress><TimeStamp>" + ts
                + "</TimeStamp></" + element + ">";
    }

    static String callState(String mac, String ip, String ts, String ref, String state, int duration) {
        return "<CallStateChangeEvent CallReference=\"" + ref + "\" CallState=\"" + state + "\"><PhoneIP>" + ip + "</PhoneIP>"
                + "<MACAddress>" + mac + "</MACAddress><LineNumber>1</LineNumber><TimeStamp>" + ts + "</TimeStamp>"
                + "<CallLineInfo><LineKeyNum>1</LineKeyNum><LineDirNum>2001</LineDirNum><LineState>Active</LineState>"
                + "<CallInfo><CallState>" + state + "</CallState><CallType>Outgoing</CallType><UIAppearanceIndex>1*</UIAppearanceIndex>"
                + "<CalledPartyName>Support</CalledPartyName><CalledPartyDirNum>5000</CalledPartyDirNum>"
                + "<CallingPartyName>Desk</CallingPartyName><CallingPartyDirNum>2001</CallingPartyDirNum>"
                + "<CallReference>" + ref + "</CallReference><CallDuration>" + duration + "</CallDuration></CallInfo>"
                + "</CallLineInfo></CallStateChangeEvent>";
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
