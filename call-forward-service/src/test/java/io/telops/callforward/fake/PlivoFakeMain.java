package io.telops.callforward.fake;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs the Plivo REST fake alone, for the local run: {@code --port 18082 --auth-id MA... --auth-token ...}. Point
 * call-forward-service at it with {@code quarkus.rest-client.plivo.url} and the same auth id and token. Every request
 * it answers is printed. Stops on Ctrl-C.
 */
public final class PlivoFakeMain {
    private PlivoFakeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("--port", "18082", "--auth-id", PlivoFake.AUTH_ID,
                "--auth-token", PlivoFake.AUTH_TOKEN));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        PlivoFake fake = PlivoFake.start(Integer.parseInt(options.get("--port")), options.get("--auth-id"), options.get("--auth-token"))
                .logTo(line -> System.out.println(java.time.Instant.now() + " " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("Plivo fake on " + fake.baseUrl() + " with " + fake.available().size() + " numbers for rent; set"
                + " quarkus.rest-client.plivo.url=" + fake.baseUrl() + " telops.callforward.plivo.auth-id=" + options.get("--auth-id")
                + " and telops.callforward.plivo.auth-token");
        Thread.currentThread().join();
    }
}
