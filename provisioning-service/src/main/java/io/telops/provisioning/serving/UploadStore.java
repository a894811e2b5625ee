package io.telops.provisioning.serving;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.telops.provisioning.config.ProvisioningConfig;

/**
 * Keeps what phones upload: only whitelisted names (see {@link FileRequest}), at most
 * {@code uploads.max-file-bytes} each (a larger log keeps its newest tail), and at most
 * {@code uploads.max-files-per-device} files per device; a new upload replaces the previous one.
 */
@ApplicationScoped
public class UploadStore {
    @Inject
    ProvisioningConfig config;

    public record UploadInfo(String fileName, int size, Instant updatedAt) {
    }

    @Transactional
    public void store(String mac, String fileName, byte[] content) {
        byte[] kept = content;
        int max = config.uploads().maxFileBytes();
        if (kept.length > max) {
            kept = java.util.Arrays.copyOfRange(kept, kept.length - max, kept.length);
        }
        DeviceUpload existing = DeviceUpload.find("mac = ?1 and fileName = ?2", mac, fileName).firstResult();
        if (existing == null) {
            if (DeviceUpload.count("mac", mac) >= config.uploads().maxFilesPerDevice()) {
                DeviceUpload.<DeviceUpload>find("mac = ?1 order by updatedAt", mac).firstResultOptional().ifPresent(DeviceUpload::delete);
            }
            existing = new DeviceUpload();
            existing.mac = mac;
            existing.fileName = fileName;
        }
        existing.content = kept;
        existing.updatedAt = Instant.now();
        existing.persist();
    }

    @Transactional
    public List<UploadInfo> list(String mac) {
        return DeviceUpload.<DeviceUpload>list("mac = ?1 order by fileName", mac).stream()
                .map(u -> new UploadInfo(u.fileName, u.content.length, u.updatedAt)).toList();
    }

    /**
     * What the phone of this cache entry uploaded under {@code fileName}: the entry's upload names are read once
     * and then spare the query for every name outside them.
     */
    @Transactional
    public Optional<byte[]> content(ConfigCache.Entry entry, String fileName) {
        String mac = entry.device().mac();
        Optional<Set<String>> known = entry.uploads();
        if (known.isEmpty()) {
            long mark = entry.uploadsMark();
            Set<String> names = Set.copyOf(DeviceUpload.getEntityManager()
                    .createQuery("select u.fileName from DeviceUpload u where u.mac = ?1", String.class)
                    .setParameter(1, mac).getResultList());
            entry.uploadsRead(names, mark);
            known = Optional.of(names);
        }
        return known.get().contains(fileName) ? content(mac, fileName) : Optional.empty();
    }

    @Transactional
    public Optional<byte[]> content(String mac, String fileName) {
        return DeviceUpload.<DeviceUpload>find("mac = ?1 and fileName = ?2", mac, fileName).firstResultOptional().map(u -> u.content);
    }
}
