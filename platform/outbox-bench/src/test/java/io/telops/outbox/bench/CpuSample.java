package io.telops.outbox.bench;

/** CPU nanoseconds so far of the bench JVM, PostgreSQL and the broker, at one wall-clock instant. */
record CpuSample(long wallNanos, long jvmNanos, long postgresNanos, long kafkaNanos) {

    static CpuSample now(BenchInfrastructure infra) {
        return new CpuSample(System.nanoTime(), ProcessCpu.jvmNanos(), ProcessCpu.treeNanos(infra.postmasterPid()),
                infra.brokerPid().stream().map(ProcessCpu::processNanos).findFirst().orElse(0));
    }

    CpuSample minus(CpuSample earlier) {
        return new CpuSample(wallNanos - earlier.wallNanos, jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos,
                kafkaNanos - earlier.kafkaNanos);
    }

    /** This interval less what the same wall time costs at {@code idle}'s rate. */
    CpuSample lessIdle(CpuSample idle) {
        double f = (double) wallNanos / idle.wallNanos;
        return new CpuSample(wallNanos, jvmNanos - (long) (idle.jvmNanos * f), postgresNanos - (long) (idle.postgresNanos * f),
                kafkaNanos - (long) (idle.kafkaNanos * f));
    }

    /** CPU milliseconds per wall second. */
    double jvmMillisPerSecond() {
        return jvmNanos / 1e6 / (wallNanos / 1e9);
    }

    double postgresMillisPerSecond() {
        return postgresNanos / 1e6 / (wallNanos / 1e9);
    }

    double kafkaMillisPerSecond() {
        return kafkaNanos / 1e6 / (wallNanos / 1e9);
    }
}
