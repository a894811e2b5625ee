package io.telops.provisioning.firmware;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;

/**
 * Where firmware bytes live. Uploads are written as a stream and become visible only on {@link BlobWriter#commit()};
 * reads go straight to the HTTP response, so an image never sits in the heap. {@link DiskFirmwareStorage} is the one
 * shipped; an object store (S3 multipart upload, ranged GET) fits the same three calls.
 */
public interface FirmwareStorage {
    /** Starts a new blob. */
    Future<BlobWriter> create();

    /** Sends {@code length} bytes from {@code offset} of the blob as the response body and ends the response. */
    Future<Void> send(HttpServerResponse response, String key, long offset, long length);

    /** Removes a committed blob (a missing one is not an error). */
    Future<Void> delete(String key);

    /** A blob being written: nothing is readable under a key until commit; abort leaves nothing behind. */
    interface BlobWriter {
        WriteStream<Buffer> stream();

        /** Finishes the blob and answers its key. */
        Future<String> commit();

        Future<Void> abort();
    }
}
