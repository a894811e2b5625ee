package io.telops.deploy.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.telops.deploy.kustomize.ImageReference;

/**
 * The instructions of a Dockerfile that the image rules look at: FROM images, the final USER, EXPOSEd ports
 * and COPY sources. Line continuations are joined; comments are dropped.
 */
public record Dockerfile(List<ImageReference> from, Optional<String> user, List<Integer> exposed, List<String> copySources) {

    public static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dockerfile parse(String text) {
        List<ImageReference> from = new ArrayList<>();
        Optional<String> user = Optional.empty();
        List<Integer> exposed = new ArrayList<>();
        List<String> copies = new ArrayList<>();
        for (String instruction : instructions(text)) {
            String[] words = instruction.trim().split("\\s+");
            switch (words[0].toUpperCase(Locale.ROOT)) {
                case "FROM" -> from.add(ImageReference.parse(words[words.length >= 2 && words[1].startsWith("--") ? 2 : 1]));
                case "USER" -> user = Optional.of(words[1]);
                case "EXPOSE" -> {
                    for (int i = 1; i < words.length; i++) {
                        exposed.add(Integer.parseInt(words[i].replaceAll("/(tcp|udp)$", "")));
                    }
                }
                case "COPY", "ADD" -> {
                    List<String> args = new ArrayList<>();
                    for (int i = 1; i < words.length; i++) {
                        if (!words[i].startsWith("--")) {
                            args.add(words[i]);
                        }
                    }
                    copies.addAll(args.subList(0, Math.max(0, args.size() - 1)));
                }
                default -> {
                }
            }
        }
        return new Dockerfile(from, user, exposed, copies);
    }

    private static List<String> instructions(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            if (!current.toString().isBlank()) {
                out.add(current.toString());
            }
            current.setLength(0);
        }
        return out;
    }

    /** Non-root: a USER that is neither root nor uid 0. */
    public boolean runsAsNonRoot() {
        return user.map(u -> u.split(":")[0]).filter(u -> !u.equals("root") && !u.equals("0")).isPresent();
    }
}
