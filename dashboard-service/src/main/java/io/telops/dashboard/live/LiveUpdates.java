package io.telops.dashboard.live;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Multi;
import io.telops.dashboard.phone.PhoneQueries;
import io.telops.dashboard.phone.PhoneView;

/**
 * Fans phone changes out to every open page. The consumer calls it after its transaction committed, so a
 * page never shows a state the database does not have. Nothing is rendered while nobody watches.
 */
@ApplicationScoped
public class LiveUpdates {
    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);

    private final Broadcast<PhoneCardUpdate> broadcast = new Broadcast<>();
    private final PhoneQueries queries;
    private final Template card;

    LiveUpdates(PhoneQueries queries, @Location("card.html") Template card) {
        this.queries = queries;
        this.card = card;
    }

    public void phonesChanged(Collection<String> macs) {
        if (macs.isEmpty() || broadcast.watchers() == 0) {
            return;
        }
        try {
            // counted after the batch committed, so a page that adds a new card shows a count that includes it
            long phoneCount = queries.countPhones();
            for (PhoneView phone : queries.views(macs)) {
                broadcast.publish(new PhoneCardUpdate(phone.mac(), phone.status(), phone.eventCount(),
                        card.data("phone", phone).render(), phoneCount));
            }
        } catch (RuntimeException e) {
            // a page missing one update is better than a consumer failing a committed batch
            LOG.warnf(e, "could not push live update of %d phones", macs.size());
        }
    }

    /** The updates from now on; a watcher too slow to take them loses some, never stalls the others. */
    public Multi<PhoneCardUpdate> stream() {
        return broadcast.stream();
    }

    public int watchers() {
        return broadcast.watchers();
    }
}
