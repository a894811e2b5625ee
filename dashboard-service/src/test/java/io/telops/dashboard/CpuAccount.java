package io.telops.dashboard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * The CPU and WAL a bench window cost, to divide by the events it carried: CPU of this JVM (by thread-name
 * group, and in total from /proc/self/stat, which includes GC and JIT), CPU of the test PostgreSQL (its postmaster,
 * found through {@code postmaster.pid} in its data directory, with its live backends and the exited children it
 * waited for), and the WAL written ({@code pg_current_wal_lsn()}, {@code pg_stat_wal}). Linux only; CPU time is
 * stable on a shared machine where wall time is not.
 */
final class CpuAccount {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ

    /** One reading. */
    record Snapshot(long jvmNanos, Map<String, Long> threadGroups, long postgresNanos, long walLsn, long walRecords,
                    long walFpi) {
    }

    private final DataSource dataSource;
    private final long postmasterPid;

    CpuAccount(DataSource dataSource) throws SQLException, IOException {
        this.dataSource = dataSource;
        String dataDirectory;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show data_directory")) {
            rows.next();
            dataDirectory = rows.getString(1);
        }
        this.postmasterPid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).strip());
    }

    Snapshot snapshot() throws SQLException {
        long walLsn;
        long walRecords;
        long walFpi;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, "
                     + "wal_records, wal_fpi from pg_stat_wal")) {
            rows.next();
            walLsn = rows.getLong(1);
            walRecords = rows.getLong(2);
            walFpi = rows.getLong(3);
        }
        Map<String, Long> groups = new TreeMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    groups.merge(info.getThreadName().replaceAll("[-#]?\\d+", "").strip(), cpu, Long::sum);
                }
            }
        }
        return new Snapshot(procCpu(Path.of("/proc/self/stat"), false), groups, postgresCpu(), walLsn, walRecords, walFpi);
    }

    /** utime + stime (+ cutime + cstime of waited-for children), in nanoseconds. */
    private static long procCpu(Path stat, boolean withChildren) {
        try {
            String line = Files.readString(stat);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields after "(comm)": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return (long) (ticks * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    private static long parentOf(Path stat) {
        try {
            String line = Files.readString(stat);
            return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long postgresCpu() {
        long total = procCpu(Path.of("/proc", Long.toString(postmasterPid), "stat"), true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            List<Path> children = processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("stat"))
                    .filter(stat -> parentOf(stat) == postmasterPid)
                    .toList();
            for (Path child : children) {
                total += procCpu(child, true);
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** Prints what the window between {@code before} and {@code after} cost per event. */
    static void print(Snapshot before, Snapshot after, long events) {
        double jvm = (after.jvmNanos() - before.jvmNanos()) / 1e3 / events;
        double postgres = (after.postgresNanos() - before.postgresNanos()) / 1e3 / events;
        System.out.printf("  CPU per event over the window (%d events): test JVM %.0f µs (service, producer, pollers, "
                + "baseline consumer), PostgreSQL %.0f µs (projection and the pollers' queries)%n", events, jvm, postgres);
        System.out.printf("  WAL per event: %.0f bytes, %.1f records, %.3f full-page images%n",
                (after.walLsn() - before.walLsn()) / (double) events,
                (after.walRecords() - before.walRecords()) / (double) events,
                (after.walFpi() - before.walFpi()) / (double) events);
        Map<String, Long> deltas = new TreeMap<>();
        after.threadGroups().forEach((group, cpu) -> {
            long delta = cpu - before.threadGroups().getOrDefault(group, 0L);
            if (delta > 0) {
                deltas.put(group, delta);
            }
        });
        System.out.printf("  JVM threads by name (µs per event, groups above 2 µs):%n");
        deltas.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / 1e3 / events >= 2)
                .forEach(e -> System.out.printf("    %-44s %7.1f%n", e.getKey(), e.getValue() / 1e3 / events));
    }
}
