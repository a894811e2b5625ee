package io.telops.testkit;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of the child JVMs the testkit starts: runs the real main class given as first argument,
 * and exits when the parent closes our stdin, so a killed test JVM never leaves a broker behind.
 */
public final class ParentWatchingLauncher {
    private ParentWatchingLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; we only wait for end-of-stream
                }
            } catch (Exception ignored) {
                // a broken pipe means the same as end-of-stream
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
