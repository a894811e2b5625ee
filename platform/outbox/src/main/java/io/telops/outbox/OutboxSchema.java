package io.telops.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The module owns its table: its own Flyway history ({@code telops_outbox_schema_history}) next to the service's, so
 * no service copies the SQL and version numbers never collide. The scripts are listed here, not scanned: classpath
 * scanning does not see into a Quarkus application's class loader. Then it moves rows a service's upgrade migration
 * left in {@code telops_outbox_upgrade} (the pending rows of its old outbox table) into the outbox, once.
 */
public final class OutboxSchema {
    public static final String HISTORY = "telops_outbox_schema_history";
    static final String LOCATION = "db/telops-outbox/";
    /** Every script of the module, oldest first. */
    static final List<String> SCRIPTS = List.of("V1__telops_outbox.sql", "V2__traceparent.sql");
    /** Serialises the upgrade move between replicas starting together. */
    private static final long UPGRADE_LOCK = 4573002;

    private OutboxSchema() {
    }

    /** Creates or upgrades {@code telops_outbox}, then imports an upgrade table if one is there; returns rows imported. */
    public static long migrate(DataSource dataSource) {
        Flyway.configure(OutboxSchema.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY)
                .baselineOnMigrate(true) // the service's own tables are there already
                .baselineVersion("0")
                .resourceProvider(new Scripts())
                .javaMigrationClassProvider(() -> List.of())
                .load()
                .migrate();
        try {
            return importUpgrade(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the old outbox's rows: " + e.getMessage(), e);
        }
    }

    private static long importUpgrade(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + UPGRADE_LOCK + ")");
                long moved = 0;
                try (ResultSet rs = st.executeQuery("select to_regclass('telops_outbox_upgrade') is not null")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        // in the old table's order; an id already relayed through the new table is not sent twice
                        moved = st.executeUpdate("insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at) "
                                + "select id, topic, event_key, ce_type, payload, occurred_at from telops_outbox_upgrade "
                                + "order by seq on conflict (id) do nothing");
                        st.execute("drop table telops_outbox_upgrade");
                    }
                }
                c.commit();
                return moved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The scripts as classpath resources read by name. */
    private static final class Scripts implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            return SCRIPTS.contains(file) ? new Script(file) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SCRIPTS.stream().filter(s -> s.startsWith(prefix)).map(s -> (LoadableResource) new Script(s)).toList();
        }
    }

    private static final class Script extends LoadableResource {
        private final String file;
        private final String sql;

        Script(String file) {
            this.file = file;
            try (InputStream in = OutboxSchema.class.getClassLoader().getResourceAsStream(LOCATION + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + LOCATION + file);
                }
                this.sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Reader read() {
            return new StringReader(sql);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return LOCATION + file;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
