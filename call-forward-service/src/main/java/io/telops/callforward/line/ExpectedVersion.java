package io.telops.callforward.line;

import java.util.Optional;
import java.util.Set;

/**
 * The version of a line a client read before changing it: a precondition (the ETags of an If-Match, opaque strings)
 * and/or the {@code version} of its body. A failed precondition and a stale body version are different answers
 * (412 and 409), so the check says which one missed.
 */
public record ExpectedVersion(Optional<Set<String>> precondition, Optional<Long> body) {
    public ExpectedVersion {
        precondition = precondition.map(Set::copyOf);
        if (precondition.isEmpty() && body.isEmpty()) {
            throw new LineProblem(LineProblem.Kind.PRECONDITION_REQUIRED,
                    "an update needs If-Match with the line's ETag (from GET), or the version it read in the body");
        }
    }

    /** Throws unless the line still has the version the client read. */
    public void check(ForwardingLine line) {
        if (precondition.filter(tags -> !tags.contains(Long.toString(line.version()))).isPresent()) {
            throw new LineProblem(LineProblem.Kind.PRECONDITION_FAILED, "line " + line.id() + " is at version "
                    + line.version() + ", not the one If-Match names");
        }
        if (body.filter(v -> v != line.version()).isPresent()) {
            throw new LineProblem(LineProblem.Kind.CONFLICT, "line " + line.id() + " is at version " + line.version()
                    + ", not " + body.get());
        }
    }

    /** How a change by someone else between the check and the write is reported. */
    public LineProblem.Kind onConcurrentChange() {
        return precondition.isPresent() ? LineProblem.Kind.PRECONDITION_FAILED : LineProblem.Kind.CONFLICT;
    }
}
