package io.telops.outbox.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time of this JVM (the writer, the consumer and the pipeline under test all run in it) and of other processes
 * read from /proc: a postmaster counts with its live children, and with its exited ones through cutime/cstime.
 */
final class ProcessCpu {
    /** USER_HZ: the unit of /proc/&lt;pid&gt;/stat times; 100 on every Linux the bench runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    static long jvmNanos() {
        return OS.getProcessCpuTime();
    }

    /** CPU nanoseconds of {@code root} and its children, exited children included. */
    static long treeNanos(long root) {
        long ticks = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : pids) {
                long[] stat = stat(p);
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == root) {
                    ticks += stat[1] + stat[2] + stat[3] + stat[4];
                } else if (stat[0] == root) {
                    ticks += stat[1] + stat[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** CPU nanoseconds of one process (its own threads; a JVM has no child worth counting). */
    static long processNanos(long pid) {
        long[] stat = stat(PROC.resolve(Long.toString(pid)));
        return stat == null ? 0 : (stat[1] + stat[2]) * NANOS_PER_TICK;
    }

    static OptionalLong pidWithArgument(String argument) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : pids) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(argument)) {
                        return OptionalLong.of(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited while listed
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** ppid, utime, stime, cutime, cstime; null when the process is gone. */
    private static long[] stat(Path dir) {
        try {
            String s = Files.readString(dir.resolve("stat"));
            // the command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
