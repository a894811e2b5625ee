package io.telops.faults;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Poly phones pushing an IncomingCallEvent to event-ingest-service; each push from a MAC of its own. */
final class PhonePushes extends Driver {
    private final List<String> ingest;
    private final AtomicLong macs;

    PhonePushes(List<String> ingestUrls, AtomicLong macs, Acknowledgements acks, double perSecond) {
        super(Flow.PHONE_PUSH, acks, perSecond);
        this.ingest = ingestUrls;
        this.macs = macs;
    }

    @Override
    protected int targets() {
        return ingest.size();
    }

    @Override
    protected String once(int target, long n) throws Exception {
        String mac = String.format("0004F2%06X", macs.getAndIncrement() & 0xFFFFFF);
        String push = "<PolycomIPPhone><IncomingCallEvent><PhoneIP>172.24.132.135</PhoneIP>"
                + "<MACAddress>" + mac.toLowerCase() + "</MACAddress><CallingPartyName>Fault Harness</CallingPartyName>"
                + "<CallingPartyNumber>20701@172.18.186.94</CallingPartyNumber><CalledPartyName>20300</CalledPartyName>"
                + "<CalledPartyNumber>20300</CalledPartyNumber><TimeStamp>2026-12-07T13:19:53+01:00</TimeStamp>"
                + "</IncomingCallEvent></PolycomIPPhone>";
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.get(target) + "/polycom/events"))
                    .timeout(TIMEOUT).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? mac : null;
        } catch (java.io.IOException e) {
            if (isRefused(e)) {
                throw new ConnectException(e.getMessage());
            }
            throw e;
        }
    }
}
