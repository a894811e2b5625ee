package io.telops.callforward.fake;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays Plivo's side of one inbound call against a running call-forward-service, with {@link PlivoCallDriver}:
 * {@code --service http://127.0.0.1:8082 --auth-token ... --to <rented number> [--from 14155550111]
 * [--answer <sip URI or number>]... [--message <seconds>]}. Targets not named by {@code --answer} do not answer;
 * {@code --message} leaves a voicemail of that length when the call reaches the Record. Prints every step.
 */
public final class PlivoCallMain {
    private PlivoCallMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("--service", "http://127.0.0.1:8082", "--auth-token", PlivoFake.AUTH_TOKEN,
                "--from", "14155550111"));
        List<String> answering = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--answer")) {
                answering.add(args[i + 1]);
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        if (!options.containsKey("--to")) {
            System.err.println("usage: PlivoCallMain --to <number> [--service URL] [--auth-token T] [--from N] [--answer TARGET]... [--message SECONDS]");
            System.exit(2);
        }
        URI service = URI.create(options.get("--service").replaceAll("/+$", ""));
        Map<String, PlivoCallDriver.Callee> callees = new LinkedHashMap<>();
        answering.forEach(target -> callees.put(target, PlivoCallDriver.Callee.answers()));
        Optional<PlivoCallDriver.Message> message = Optional.ofNullable(options.get("--message"))
                .map(s -> new PlivoCallDriver.Message(Integer.parseInt(s)));
        // the service must have been told this URL is its public one (telops.callforward.public-base-url): it is what Plivo signs
        PlivoCallDriver.Call call = new PlivoCallDriver(service, service, options.get("--auth-token"))
                .call(options.get("--from"), options.get("--to"), callees, message);
        System.out.println("call " + call.callUuid());
        call.steps().forEach(step -> System.out.println("  " + step));
    }
}
