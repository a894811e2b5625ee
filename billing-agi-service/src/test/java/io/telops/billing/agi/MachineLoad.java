package io.telops.billing.agi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the whole machine did during a benchmark window (Linux only; absent files read as zero): CPU used by this
 * JVM (client, FastAGI server, relay) and by every other process (PostgreSQL, the broker, anything else running),
 * the pressure-stall times (how long some runnable task waited for a CPU, or for I/O), and the JIT's compile time.
 * A tail that moves with "others" or with the stall times is the machine's, not the code path's.
 */
record MachineLoad(long nanos, long machineCpuNanos, long jvmCpuNanos, long cpuStallMicros, long ioStallMicros, long jitMillis) {
    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    static MachineLoad now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        return new MachineLoad(System.nanoTime(), machineCpuTicks() * CLOCK_TICK_NANOS, os.getProcessCpuTime(),
                stallMicros("/proc/pressure/cpu"), stallMicros("/proc/pressure/io"), jit == null ? 0 : jit.getTotalCompilationTime());
    }

    /** One line: cores busy (this JVM / others), stall shares of the window, JIT milliseconds. */
    String since(MachineLoad before) {
        double window = nanos - before.nanos;
        double jvm = (jvmCpuNanos - before.jvmCpuNanos) / window;
        double others = Math.max(0, (machineCpuNanos - before.machineCpuNanos) / window - jvm);
        return String.format("cores busy: this JVM %.2f, other processes %.2f; some task waiting for CPU %.0f%% and for I/O %.0f%% "
                        + "of the window; JIT %d ms", jvm, others, 100 * (cpuStallMicros - before.cpuStallMicros) * 1e3 / window,
                100 * (ioStallMicros - before.ioStallMicros) * 1e3 / window, jitMillis - before.jitMillis);
    }

    /** user + nice + system + irq + softirq + steal ticks of all CPUs, from the first line of /proc/stat. */
    private static long machineCpuTicks() {
        List<String> lines = read("/proc/stat");
        if (lines.isEmpty()) {
            return 0;
        }
        String[] f = lines.get(0).trim().split("\\s+");
        long sum = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            sum += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return sum;
    }

    /** The {@code total=} of the "some" line of a pressure file, in microseconds. */
    private static long stallMicros(String file) {
        for (String line : read(file)) {
            if (line.startsWith("some")) {
                return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
            }
        }
        return 0;
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
