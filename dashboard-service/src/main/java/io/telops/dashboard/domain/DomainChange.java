package io.telops.dashboard.domain;

import java.util.Set;

/** What an open page hears after a batch committed: which entities of which topic changed. */
public record DomainChange(String topic, Set<String> keys) {
}
