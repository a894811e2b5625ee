package io.telops.provisioning.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.telops.provisioning.device.DeviceService;

/**
 * Templates for the common models of every vendor, shipped in {@code default-templates/} and stored on start as
 * ordinary template versions (created by {@value #AUTHOR}), so a fresh service has a catalogue and a template
 * list. Idempotent: an unchanged default adds nothing; a default changed by a new release adds a version only
 * while the latest version is still a shipped one, never over an operator's own version. Replicas starting
 * together serialise on a PostgreSQL advisory lock.
 */
@ApplicationScoped
public class DefaultTemplates {
    private static final Logger LOG = Logger.getLogger(DefaultTemplates.class);
    public static final String AUTHOR = "telops-defaults";
    static final String INDEX = "default-templates/index.txt";
    /** Arbitrary, fixed: the advisory lock key of this loader. */
    private static final long LOCK_KEY = 0x7465_6c6f_7073_0001L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TemplateService templates;
    @Inject
    DeviceService devices;
    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent start) {
        int added = load();
        int backfilled = devices.backfillAdminPasswords();
        LOG.infof("default templates: %d new versions; %d devices got a generated admin password", added, backfilled);
    }

    /** Stores every shipped template that is new or changed and not superseded by an operator; returns how many. */
    @Transactional
    public int load() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY).getSingleResult();
        int added = 0;
        for (String path : index()) {
            JsonNode doc = read("default-templates/" + path);
            String id = doc.path("_id").asText();
            Optional<TemplateVersion> latest = TemplateVersion.latest(id);
            if (latest.isPresent() && !AUTHOR.equals(latest.get().createdBy)) {
                continue; // an operator's version is newer: theirs stays current
            }
            int before = latest.map(l -> l.version).orElse(0);
            if (templates.addVersion(doc, AUTHOR, "default template shipped with provisioning-service").version() > before) {
                added++;
            }
        }
        return added;
    }

    static List<String> index() {
        return text(INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static JsonNode read(String resource) {
        try {
            return JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("default template " + resource + " is not JSON", e);
        }
    }

    private static String text(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
