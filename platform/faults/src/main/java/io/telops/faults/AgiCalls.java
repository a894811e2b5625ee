package io.telops.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asterisk's side of a prepaid call: an authorise session (AGI header block, then every command answered as Asterisk
 * would, Dial returning when the call is over) on one billing instance, then the settle session on the other one, with
 * a 30 s billsec. The call is acknowledged when settle answers {@code SET VARIABLE BILLING_CHARGED}.
 */
final class AgiCalls extends Driver {
    private final List<Integer> ports;
    private final String callerId;
    private final String runId;
    private final AtomicLong calls;

    AgiCalls(List<Integer> fastAgiPorts, String callerId, String runId, AtomicLong calls, Acknowledgements acks,
             double perSecond) {
        super(Flow.AGI_CALL, acks, perSecond);
        this.ports = fastAgiPorts;
        this.callerId = callerId;
        this.runId = runId;
        this.calls = calls;
    }

    @Override
    protected int targets() {
        return ports.size();
    }

    @Override
    protected String once(int target, long n) throws Exception {
        String uniqueId = runId + "." + calls.incrementAndGet();
        List<String> authorise = session(ports.get(target), "authorize", uniqueId);
        if (!authorise.contains("SET VARIABLE BILLING_RESULT AUTHORISED")) {
            return null;
        }
        // Asterisk runs settle from the h extension: a new connection, which the balancer may send anywhere
        List<String> settle;
        try {
            settle = session(ports.get((target + 1) % ports.size()), "settle", uniqueId);
        } catch (java.net.ConnectException refused) {
            settle = session(ports.get(target), "settle", uniqueId);
        }
        return settle.stream().anyMatch(c -> c.startsWith("SET VARIABLE BILLING_CHARGED ")) ? uniqueId : null;
    }

    private List<String> session(int port, String script, String uniqueId) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String header = "agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:" + port
                    + "/" + script + "\nagi_channel: PJSIP/" + callerId + "-0000002a\nagi_language: en\nagi_type: PJSIP\n"
                    + "agi_uniqueid: " + uniqueId + "\nagi_version: 20.5.0\nagi_callerid: " + callerId
                    + "\nagi_calleridname: unknown\nagi_context: from-internal\nagi_extension: 5551234\nagi_priority: 1\n\n";
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<String> commands = new java.util.ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                out.write((reply(line) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return commands;
        }
    }

    /** What Asterisk answers: settle's one GET FULL VARIABLE gets billsec 30 and empty values for the rest. */
    private static String reply(String command) {
        if (command.startsWith("GET FULL VARIABLE")) {
            int values = command.split("\\$\\{LEN\\(", -1).length - 1;
            return "200 result=1 (2:30" + "0:".repeat(Math.max(0, values - 1)) + ")";
        }
        if (command.startsWith("STREAM FILE")) {
            return "200 result=0 endpos=0";
        }
        if (command.startsWith("GET VARIABLE") || command.startsWith("EXEC")) {
            return "200 result=0";
        }
        return "200 result=1";
    }
}
