package io.telops.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.telops.contracts.Topics;
import io.telops.devstack.DevStack;
import io.telops.devstack.ServiceInstance;

/**
 * One fault of issue #16: {@link #inject} breaks a part of the running platform, {@link #heal} brings it back (after
 * {@link #hold()}, while the load keeps running). Recovery is measured from the end of {@link #heal}.
 */
public sealed interface Fault {
    String name();

    /** How long the part stays broken. */
    Duration hold();

    void inject(DevStack stack);

    void heal(DevStack stack);

    /** SIGKILL of the node leading partition 0 of the phone events; the other two keep the cluster running. */
    record BrokerLeaderKill(Duration hold, int[] killed) implements Fault {
        public BrokerLeaderKill(Duration hold) {
            this(hold, new int[1]);
        }

        public String name() {
            return "Kafka partition leader SIGKILL (3 nodes)";
        }

        public void inject(DevStack stack) {
            killed[0] = stack.kafka().leaderOf(Topics.PHONE_EVENTS, 0);
            stack.kafka().kill(killed[0]);
        }

        public void heal(DevStack stack) {
            stack.kafka().start(killed[0]);
        }
    }

    /** SIGKILL of every Kafka node at once, then all started again. */
    record KafkaKill(Duration hold) implements Fault {
        public String name() {
            return "all Kafka nodes SIGKILL + restart";
        }

        public void inject(DevStack stack) {
            stack.kafka().nodeIds().forEach(stack.kafka()::kill);
        }

        public void heal(DevStack stack) {
            // three JVMs and a quorum election at once: on a starved machine longer than start()'s 3 minutes
            stack.kafka().start(Duration.ofMinutes(6));
        }
    }

    /** SIGKILL of the postmaster and its backends; started again it replays its WAL. */
    record PostgresKill(Duration hold) implements Fault {
        public String name() {
            return "PostgreSQL SIGKILL + restart";
        }

        public void inject(DevStack stack) {
            stack.postgres().kill();
        }

        public void heal(DevStack stack) {
            stack.postgres().start();
        }
    }

    /** SIGKILL of the MongoDB wire server's process (call-forward-service's store). */
    record MongoKill(Duration hold) implements Fault {
        public String name() {
            return "MongoDB wire server SIGKILL + restart";
        }

        public void inject(DevStack stack) {
            stack.killMongo();
        }

        public void heal(DevStack stack) {
            stack.restartMongo();
        }
    }

    /** SIGKILL of the second instance of each named service at once; the first instances carry on; then restarted. */
    record InstanceKill(List<String> services, Duration hold) implements Fault {
        public String name() {
            return services.size() == DevStack.SERVICES.size() ? "SIGKILL of one instance of every service"
                    : "SIGKILL of one instance of " + String.join(", ", services);
        }

        public void inject(DevStack stack) {
            services.forEach(s -> stack.kill(stack.instance(s, 1)));
        }

        /** All at once, as their pods would be restarted: recovery counts from the last one's return. */
        public void heal(DevStack stack) {
            List<CompletableFuture<DevStack>> restarts = services.stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> stack.restart(stack.instance(s, 1), Duration.ofMinutes(6)),
                            r -> new Thread(r, "restart-" + s).start()))
                    .toList();
            restarts.forEach(CompletableFuture::join);
        }
    }

    /**
     * SIGSTOP of the node leading partition 0 of the phone events for longer than the producers' request timeout
     * (30 s): its sockets stay open and silent, as behind a network partition; then SIGCONT.
     */
    record BrokerStall(Duration hold, int[] stalled) implements Fault {
        public BrokerStall(Duration hold) {
            this(hold, new int[1]);
        }

        public String name() {
            return "Kafka leader stalled (SIGSTOP " + hold.toSeconds() + " s, SIGCONT)";
        }

        public void inject(DevStack stack) {
            stalled[0] = stack.kafka().leaderOf(Topics.PHONE_EVENTS, 0);
            stack.kafka().process(stalled[0]).suspend();
        }

        public void heal(DevStack stack) {
            stack.kafka().process(stalled[0]).resume();
        }
    }

    /**
     * SIGTERM of the second dashboard instance and a start again while events flow. Its consumers as static group
     * members (devstack's default): they keep their partitions, which wait for the instance and are read again from
     * the last committed offsets; as dynamic members ({@code -Dfaults.dynamic-members=true}): the partitions move to
     * the first instance and back (two rebalances). Neither may apply an event twice.
     */
    record ConsumerRebalance(Duration hold) implements Fault {
        public String name() {
            return "dashboard instance SIGTERM + start (its group)";
        }

        public void inject(DevStack stack) {
            ServiceInstance second = stack.instance("dashboard-service", 1);
            stack.stop(second);
        }

        public void heal(DevStack stack) {
            stack.restart(stack.instance("dashboard-service", 1), Duration.ofMinutes(6));
        }
    }
}
