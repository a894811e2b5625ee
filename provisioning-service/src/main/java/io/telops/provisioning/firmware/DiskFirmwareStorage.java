package io.telops.provisioning.firmware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.telops.provisioning.config.ProvisioningConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;

/**
 * Firmware in a directory: an upload streams into {@code .incoming/<uuid>} and is renamed to {@code <uuid>.bin} on
 * commit (same file system, so the rename is atomic); reads use {@code sendFile}, which the kernel copies without
 * passing the bytes through the JVM. Keys are generated here, never taken from a request.
 */
@ApplicationScoped
@Startup
public class DiskFirmwareStorage implements FirmwareStorage {
    private static final Logger LOG = Logger.getLogger(DiskFirmwareStorage.class);
    /** Leftovers of uploads cut off by a crash; a running upload is never this old at start. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Vertx vertx;
    private final Path root;
    private final Path incoming;

    DiskFirmwareStorage(Vertx vertx, ProvisioningConfig config) {
        this.vertx = vertx;
        this.root = Path.of(config.firmware().directory()).toAbsolutePath().normalize();
        this.incoming = root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the firmware directory " + root, e);
        }
        removeAbandoned();
    }

    @Override
    public Future<BlobWriter> create() {
        String key = UUID.randomUUID() + ".bin";
        Path partial = incoming.resolve(key);
        return vertx.fileSystem().open(partial.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                .map(file -> new DiskWriter(file, partial, key));
    }

    @Override
    public Future<Void> send(HttpServerResponse response, String key, long offset, long length) {
        return response.sendFile(path(key).toString(), offset, length);
    }

    @Override
    public Future<Void> delete(String key) {
        Path p = path(key);
        return vertx.fileSystem().exists(p.toString())
                .compose(exists -> exists ? vertx.fileSystem().delete(p.toString()) : Future.succeededFuture());
    }

    /** The committed blob's file; a key is a generated name, checked again so a stored value cannot leave the directory. */
    Path path(String key) {
        if (!key.matches("[0-9a-f-]{36}\\.bin")) {
            throw new IllegalArgumentException("not a firmware storage key: " + key);
        }
        return root.resolve(key);
    }

    private void removeAbandoned() {
        Instant before = Instant.now().minus(ABANDONED);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                    LOG.infof("removed an abandoned firmware upload %s", f.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot clean %s: %s", incoming, e.getMessage());
        }
    }

    private final class DiskWriter implements BlobWriter {
        private final AsyncFile file;
        private final Path partial;
        private final String key;

        DiskWriter(AsyncFile file, Path partial, String key) {
            this.file = file;
            this.partial = partial;
            this.key = key;
        }

        @Override
        public WriteStream<Buffer> stream() {
            return file;
        }

        @Override
        public Future<String> commit() {
            return file.flush().compose(v -> file.close())
                    .compose(v -> vertx.fileSystem().move(partial.toString(), path(key).toString(),
                            new CopyOptions().setAtomicMove(true)))
                    .map(v -> key);
        }

        @Override
        public Future<Void> abort() {
            return file.close().otherwise((Void) null)
                    .compose(v -> vertx.fileSystem().delete(partial.toString()))
                    .otherwise((Void) null);
        }
    }
}
