package io.telops.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time spent per process and per thread group during a bench phase, so a change is judged by the CPU an
 * event costs (stable on a shared machine) and not only by its throughput (which other sessions' builds move).
 * Linux only: PostgreSQL (postmaster, its backends and exited children) and the broker JVM are read from /proc.
 */
final class CpuAccount {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ
    /** CPU of bench caller threads that ended (a thread's CPU time is gone once it exits). */
    static final java.util.concurrent.atomic.LongAdder EXITED_BENCH_THREADS = new java.util.concurrent.atomic.LongAdder();

    private final long postmasterPid;
    private final Set<Long> loadGeneratorThreads;
    private final Function<String, String> threadGroup;

    CpuAccount(long postmasterPid, Set<Long> loadGeneratorThreads, Function<String, String> threadGroup) {
        this.postmasterPid = postmasterPid;
        this.loadGeneratorThreads = loadGeneratorThreads;
        this.threadGroup = threadGroup;
    }

    /** CPU nanoseconds by group at this instant. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long javaThreads = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            javaThreads += cpu;
            String group = loadGeneratorThreads.contains(info.getThreadId()) ? "bench client" : threadGroup.apply(info.getThreadName());
            out.merge(group, cpu, Long::sum);
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        // the JVM's own threads (GC, JIT compilers) are not Java threads: read them by name from /proc/self/task
        long gc = 0;
        long jit = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.collect(Collectors.toList())) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue;
                }
                boolean isGc = comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread");
                boolean isJit = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
                if (isGc || isJit) {
                    long cpu = procCpu(Long.parseLong(task.getFileName().toString()), false, "/proc/self/task/");
                    if (isGc) {
                        gc += cpu;
                    } else {
                        jit += cpu;
                    }
                }
            }
        } catch (IOException e) {
            // not Linux: GC and JIT stay in "other"
        }
        long exitedBench = EXITED_BENCH_THREADS.sum();
        out.merge("bench client", exitedBench, Long::sum);
        out.put("JVM GC", gc);
        out.put("JVM JIT", jit);
        out.put("test JVM other (exited threads)", Math.max(0, process - javaThreads - gc - jit - exitedBench));
        postgres(out);
        out.put("kafka broker JVM", ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(p -> procCpu(p.pid(), false)).sum());
        return out;
    }

    /** PostgreSQL by process role: backends (our connections), WAL writer, autovacuum, the rest (and exited children). */
    private void postgres(Map<String, Long> out) {
        out.put("pg other", procCpu(postmasterPid, true));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).collect(Collectors.toList())) {
                long pid = Long.parseLong(p.getFileName().toString());
                String[] stat = stat(pid);
                if (stat != null && Long.parseLong(stat[1]) == postmasterPid) {
                    String cmd;
                    try {
                        cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    } catch (IOException e) {
                        cmd = "";
                    }
                    String role = cmd.contains("walwriter") ? "pg walwriter" : cmd.contains("autovacuum") ? "pg autovacuum"
                            : cmd.contains("checkpointer") ? "pg checkpointer" : cmd.contains("127.0.0.1") ? "pg backends" : "pg other";
                    out.merge(role, procCpu(pid, false), Long::sum);
                }
            }
        } catch (IOException e) {
            // not Linux
        }
    }

    /** Fields after the command: [0]=state, [1]=ppid, ... [11]=utime, [12]=stime, [13]=cutime, [14]=cstime. */
    private static String[] stat(long pid) {
        return stat(pid, "/proc/");
    }

    private static String[] stat(long pid, String base) {
        try {
            String s = Files.readString(Path.of(base + pid, "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long procCpu(long pid, boolean withChildren) {
        return procCpu(pid, withChildren, "/proc/");
    }

    private static long procCpu(long pid, boolean withChildren, String base) {
        String[] f = stat(pid, base);
        if (f == null) {
            return 0;
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return (long) (ticks * TICK_NANOS);
    }

    /** One line per group: CPU microseconds per event between two snapshots. */
    static String perEvent(String phase, Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder sb = new StringBuilder(String.format("  CPU per event, %s (us):", phase));
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (delta <= 0) {
                continue;
            }
            total += delta;
            sb.append(String.format(" %s=%.0f;", e.getKey(), delta / 1e3 / events));
        }
        return sb.append(String.format(" TOTAL=%.0f", total / 1e3 / events)).toString();
    }
}
