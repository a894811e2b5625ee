package io.telops.deploy.kustomize;

/** A kustomization this renderer cannot render faithfully: it says so instead of guessing. */
public final class KustomizeException extends RuntimeException {
    public KustomizeException(String message) {
        super(message);
    }
}
