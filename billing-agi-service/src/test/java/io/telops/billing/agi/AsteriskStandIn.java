package io.telops.billing.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays Asterisk's side of a FastAGI session for tests: writes the header block in the order and format
 * res_agi.c writes it, reads the server's commands one line at a time and answers them as a script says,
 * can send the HANGUP notification or drop the socket, and records every byte the server wrote.
 */
public final class AsteriskStandIn implements AutoCloseable {
    /** The PBX key the test profile configures ({@code telops.fastagi.keys}); every call carries it unless told. */
    public static final String KEY = "test-pbx-key";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private AsteriskStandIn(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * What settle asks Asterisk, in its one round trip: every value as {@code <length>:<value>} (LEN() counts bytes), so
     * no value can be mistaken for a separator. The test profile names IMSI and CALLEE_IMSI.
     */
    public static final String SETTLE_READ = "GET FULL VARIABLE "
            + "${LEN(${CDR(billsec)})}:${CDR(billsec)}${LEN(${CDR(duration)})}:${CDR(duration)}"
            + "${LEN(${DIALSTATUS})}:${DIALSTATUS}${LEN(${HANGUPCAUSE})}:${HANGUPCAUSE}"
            + "${LEN(${DIALEDPEERNUMBER})}:${DIALEDPEERNUMBER}${LEN(${IMSI})}:${IMSI}${LEN(${CALLEE_IMSI})}:${CALLEE_IMSI}";

    /** Asterisk's answer to {@link #SETTLE_READ} when only billsec is set. */
    public static String settleReply(int billsec) {
        String b = String.valueOf(billsec);
        return "200 result=1 (" + b.length() + ":" + b + "0:0:0:0:0:0:)";
    }

    /** Settle's session when Asterisk has only billsec set: the one read, then the amount charged set back. */
    public static Script settled(int billsec, long chargedMinor) {
        return Script.expect(SETTLE_READ, settleReply(billsec)).then("SET VARIABLE BILLING_CHARGED " + chargedMinor, "200 result=1");
    }

    public static AsteriskStandIn connect(int port) throws IOException {
        return connectFrom("127.0.0.1", port);
    }

    /** Connects from a given local address, e.g. 127.0.0.2 to play a peer outside the allowed ones. */
    public static AsteriskStandIn connectFrom(String localAddress, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(localAddress, 0));
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15000);
        return new AsteriskStandIn(s);
    }

    /** The header block of one AGI() invocation, in res_agi.c order. */
    public static final class Call {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();

        public static Call of(String script, String uniqueId, String callerId, String extension) {
            Call c = new Call();
            c.headers.put("network", "yes");
            // AGI(agi://127.0.0.1:4573/<script>?key=...): Asterisk passes the query in both headers
            c.headers.put("network_script", script + "?key=" + KEY);
            c.headers.put("request", "agi://127.0.0.1:4573/" + script + "?key=" + KEY);
            c.headers.put("channel", "PJSIP/" + callerId + "-0000002a");
            c.headers.put("language", "en");
            c.headers.put("type", "PJSIP");
            c.headers.put("uniqueid", uniqueId);
            c.headers.put("version", "20.5.0");
            c.headers.put("callerid", callerId);
            c.headers.put("calleridname", "unknown");
            c.headers.put("callingpres", "0");
            c.headers.put("callingani2", "0");
            c.headers.put("callington", "0");
            c.headers.put("callingtns", "0");
            c.headers.put("dnid", extension);
            c.headers.put("rdnis", "unknown");
            c.headers.put("context", "from-internal");
            c.headers.put("extension", extension);
            c.headers.put("priority", "1");
            c.headers.put("enhanced", "0.0");
            c.headers.put("accountcode", "");
            c.headers.put("threadid", "139874512345");
            return c;
        }

        public Call arg(String value) {
            args.add(value);
            return this;
        }

        /** The same call with another key in its AGI URL, or none for an empty {@code key}. */
        public Call key(String key) {
            String script = headers.get("network_script").replaceFirst("\\?.*", "");
            String query = key.isEmpty() ? "" : "?key=" + key;
            headers.put("network_script", script + query);
            headers.put("request", "agi://127.0.0.1:4573/" + script + query);
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public String block() {
            StringBuilder b = new StringBuilder();
            headers.forEach((k, v) -> b.append("agi_").append(k).append(": ").append(v).append('\n'));
            for (int i = 0; i < args.size(); i++) {
                b.append("agi_arg_").append(i + 1).append(": ").append(args.get(i)).append('\n');
            }
            return b.append('\n').toString();
        }
    }

    /** Commands the server must write next, in order, each with Asterisk's reply; {@link #then} gives a longer script. */
    public record Script(List<String> commands, List<String> replies) {
        public static Script expect(String command, String reply) {
            return new Script(List.of(command), List.of(reply));
        }

        public Script then(String command, String reply) {
            return then(expect(command, reply));
        }

        public Script then(Script more) {
            List<String> c = new ArrayList<>(commands);
            List<String> r = new ArrayList<>(replies);
            c.addAll(more.commands);
            r.addAll(more.replies);
            return new Script(List.copyOf(c), List.copyOf(r));
        }

        /** What the server writes when it follows the script: each command on its own line. */
        public String transcript() {
            StringBuilder b = new StringBuilder();
            commands.forEach(c -> b.append(c).append('\n'));
            return b.toString();
        }
    }

    /**
     * One whole session: {@code call} played through {@code script}, after which the server must hang up having written
     * exactly the script's commands, byte for byte.
     */
    public static void session(int port, Call call, Script script) throws IOException {
        try (AsteriskStandIn ast = connect(port)) {
            ast.start(call).play(script);
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo(script.transcript());
        }
    }

    /** Answers the script's commands in order, as {@link #expect(String, String)} does one. */
    public AsteriskStandIn play(Script script) throws IOException {
        for (int i = 0; i < script.commands().size(); i++) {
            expect(script.commands().get(i), script.replies().get(i));
        }
        return this;
    }

    public AsteriskStandIn start(Call call) throws IOException {
        return raw(call.block());
    }

    public AsteriskStandIn raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads the server's next command, checks it, and answers it like Asterisk would. */
    public AsteriskStandIn expect(String command, String reply) throws IOException {
        assertThat(readLine()).isEqualTo(command);
        return raw(reply + "\n");
    }

    /** Reads the server's next command and checks it, without answering (yet). */
    public AsteriskStandIn expect(String command) throws IOException {
        assertThat(readLine()).isEqualTo(command);
        return this;
    }

    /** The FastAGI hang-up notification: Asterisk writes it when the channel hangs up during the session. */
    public AsteriskStandIn hangup() throws IOException {
        return raw("HANGUP\n");
    }

    /**
     * Answers every command with {@code replies.apply(command)} until the server closes the session;
     * returns the commands in order.
     */
    public List<String> answerAll(java.util.function.Function<String, String> replies) throws IOException {
        return answerAll(replies, readAt -> { });
    }

    /**
     * Like {@link #answerAll(java.util.function.Function)}, and calls {@code onLine} with {@link System#nanoTime()}
     * as each command line has been read, and once more when the server has closed the session.
     */
    public List<String> answerAll(java.util.function.Function<String, String> replies, java.util.function.LongConsumer onLine)
            throws IOException {
        List<String> commands = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = readLine();
            } catch (IOException closed) {
                onLine.accept(System.nanoTime());
                return commands;
            }
            onLine.accept(System.nanoTime());
            commands.add(line);
            raw(replies.apply(line) + "\n");
        }
    }

    /** Drops the TCP connection without a word, as a crashed or killed Asterisk would. */
    public void disconnect() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Waits for the server to close the session; returns true if it did (EOF) before the timeout. */
    public boolean awaitClosedByServer(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            int b;
            while ((b = in.read()) >= 0) {
                received.write(b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer also ends the session
        }
    }

    /** Every byte the server wrote so far. */
    public String transcript() {
        return received.toString(StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            received.write(b);
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("server closed the session; got so far: " + transcript());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
