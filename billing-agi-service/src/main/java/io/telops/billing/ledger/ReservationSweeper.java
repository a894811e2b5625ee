package io.telops.billing.ledger;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Periodically returns the money of calls that were authorised but never settled (lost h extension, crash). */
@ApplicationScoped
public class ReservationSweeper {
    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);
    private final CallBilling billing;

    ReservationSweeper(CallBilling billing) {
        this.billing = billing;
    }

    @Scheduled(every = "${telops.billing.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int n;
        do {
            n = billing.expireDue(Instant.now(), 200);
            if (n > 0) {
                LOG.infof("released %d expired reservations", n);
            }
        } while (n == 200);
    }
}
