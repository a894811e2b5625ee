package io.telops.vats.simulator;

import java.util.HashMap;
import java.util.Map;

import io.telops.vats.gwt.GwtRpcStyle;

/**
 * Runs the cabinet simulator alone, for the local run: {@code --port 18085 --trunks 1000 --user demo
 * --password demo [--style GWT_2_7|GWT_2_8]}. Stops on Ctrl-C.
 */
public final class VatsSimulatorMain {
    private VatsSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("--port", "18085", "--trunks", "1000", "--user", "demo",
                "--password", "demo", "--style", "GWT_2_7"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        VatsSimulator simulator = VatsSimulator.start(options.get("--user"), options.get("--password"),
                Integer.parseInt(options.get("--trunks")), GwtRpcStyle.valueOf(options.get("--style")),
                Integer.parseInt(options.get("--port")));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("VATS simulator on " + simulator.baseUrl() + " with " + options.get("--trunks")
                + " trunks; set telops.vats.base-url=" + simulator.baseUrl() + " telops.vats.username="
                + options.get("--user") + " and telops.vats.password");
        Thread.currentThread().join();
    }
}
