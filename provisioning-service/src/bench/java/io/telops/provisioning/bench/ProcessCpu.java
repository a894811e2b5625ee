package io.telops.provisioning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CPU seconds (user + system, from {@code /proc/<pid>/stat}) of the processes of a pass: this JVM (the service, as
 * {@code @QuarkusTest} runs it), its other descendants (embedded PostgreSQL, the Kafka broker) and nginx. On a machine
 * shared with other builds, CPU per request is steadier than a rate, and the JVM's share shows what it is bound by.
 */
final class ProcessCpu {
    /** Clock ticks per second of {@code /proc} times (USER_HZ, 100 on Linux x86-64). */
    private static final double TICKS = 100.0;

    record Snapshot(double service, double infrastructure, double nginx) {
        Snapshot minus(Snapshot before) {
            return new Snapshot(service - before.service, infrastructure - before.infrastructure, nginx - before.nginx);
        }
    }

    private ProcessCpu() {
    }

    static Snapshot now(NginxServer nginx) {
        Set<Long> nginxPids = nginx == null ? Set.of() : nginx.pids();
        long self = ProcessHandle.current().pid();
        Set<Long> others = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .filter(pid -> !nginxPids.contains(pid)).collect(Collectors.toSet());
        return new Snapshot(seconds(self), others.stream().mapToDouble(ProcessCpu::seconds).sum(),
                nginxPids.stream().mapToDouble(ProcessCpu::seconds).sum());
    }

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The 1-minute load average. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
