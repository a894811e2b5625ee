package io.telops.deploy.policy;

/** One container (or object) that breaks one rule, with what was found. */
public record Violation(String where, Rule rule, String found) {
    @Override
    public String toString() {
        return where + ": " + rule + " (" + rule.requirement() + "): " + found;
    }
}
