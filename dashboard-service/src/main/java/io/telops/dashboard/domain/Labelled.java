package io.telops.dashboard.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A closed set of states whose constants people read and type as labels: {@code AUTH_FAILING} is {@code auth-failing}. */
public interface Labelled {

    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every label of {@code type}, in declaration order. */
    static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labelled::label).toList();
    }

    /** The constant of {@code type} whose label is {@code label}, ignoring case and surrounding blanks. */
    static <E extends Enum<E> & Labelled> Optional<E> byLabel(Class<E> type, String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(type.getEnumConstants()).filter(e -> e.label().equalsIgnoreCase(label.strip())).findFirst();
    }

    /** As {@link #byLabel}, but an unknown label is an {@link IllegalArgumentException} listing the labels of {@code what}. */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String what, String label) {
        return byLabel(type, label).orElseThrow(() -> new IllegalArgumentException(what + " must be one of " + labels(type)));
    }
}
