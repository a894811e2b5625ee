package io.telops.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service needs from its deployment, read from its application.properties (default-profile keys, named
 * secrets) and compared with the environment it is given; the required @ConfigMapping leaves come from the
 * compiled mappings (MappingKeys, beside the tests), the keys enforced in code from the catalog.
 */
public final class RequiredConfig {
    private RequiredConfig() {
    }

    /** The property names listed in the default profile's telops.security.secrets (comma-separated). */
    public static Set<String> namedSecrets(Path properties) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String name : p.getProperty("telops.security.secrets", "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** Keys with a value in the default profile (no "%profile." prefix). */
    public static Set<String> defaultProfileKeys(Path properties) {
        Set<String> keys = new TreeSet<>();
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(keys::add);
        return keys;
    }

    /** The required keys whose env form (MicroProfile Config rule) is not among the given variable names. */
    public static Set<String> missing(Collection<String> requiredKeys, Set<String> environmentNames) {
        Set<String> missing = new TreeSet<>();
        requiredKeys.stream().filter(k -> !environmentNames.contains(envForm(k))).forEach(missing::add);
        return missing;
    }

    public static String envForm(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
