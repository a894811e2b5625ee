package io.telops.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the clients sent and what the platform acknowledged, per flow, with the acknowledgement's time. */
public final class Acknowledgements {
    /** One acknowledged item: its id (MAC, CallUUID, uniqueid...) and when the answer came. */
    public record Ack(String id, long atNanos) {
    }

    private final Map<Flow, List<Ack>> acks = new EnumMap<>(Flow.class);
    private final Map<Flow, AtomicLong> sent = new EnumMap<>(Flow.class);
    private final Map<Flow, AtomicLong> failed = new EnumMap<>(Flow.class);

    public Acknowledgements() {
        for (Flow f : Flow.values()) {
            acks.put(f, new ArrayList<>());
            sent.put(f, new AtomicLong());
            failed.put(f, new AtomicLong());
        }
    }

    public void sent(Flow flow) {
        sent.get(flow).incrementAndGet();
    }

    public void failed(Flow flow) {
        failed.get(flow).incrementAndGet();
    }

    public void acknowledged(Flow flow, String id) {
        List<Ack> list = acks.get(flow);
        synchronized (list) {
            list.add(new Ack(id, System.nanoTime()));
        }
    }

    /** The ids acknowledged up to {@code untilNanos} (inclusive). */
    public List<String> ids(Flow flow, long untilNanos) {
        List<Ack> list = acks.get(flow);
        synchronized (list) {
            return list.stream().filter(a -> a.atNanos() <= untilNanos).map(Ack::id).toList();
        }
    }

    public List<String> ids(Flow flow) {
        return ids(flow, Long.MAX_VALUE);
    }

    public long sentCount(Flow flow) {
        return sent.get(flow).get();
    }

    public long failedCount(Flow flow) {
        return failed.get(flow).get();
    }
}
